package org.dnaslab.kernel.channel;

import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionFileTest {

    private static KernelConnectionProperties props(String transport, String ip, int hb, String scheme, String key) {
        return new KernelConnectionProperties(ip, 5001, 5002, 5003, hb, 5005, transport, scheme, key);
    }

    @Test
    void aTypicalJupyterConnectionFileIsAccepted() {
        assertDoesNotThrow(() -> ConnectionFile.check(props("tcp", "127.0.0.1", 5004, "hmac-sha256", "k")));
    }

    @Test
    void unsignedOrMisconfiguredConnectionsAreRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ConnectionFile.check(props("tcp", "127.0.0.1", 5004, "hmac-sha256", ""))).getMessage().contains("no key"));
        assertThrows(IllegalArgumentException.class, () -> ConnectionFile.check(props("ipc", "kernel", 5004, "hmac-sha256", "k")));
        assertThrows(IllegalArgumentException.class, () -> ConnectionFile.check(props("tcp", "", 5004, "hmac-sha256", "k")));
        assertThrows(IllegalArgumentException.class, () -> ConnectionFile.check(props("tcp", "127.0.0.1", 5001, "hmac-sha256", "k")));
        assertThrows(IllegalArgumentException.class, () -> ConnectionFile.check(props("tcp", "127.0.0.1", 0, "hmac-sha256", "k")));
        assertThrows(IllegalArgumentException.class, () -> ConnectionFile.check(props("tcp", "127.0.0.1", 5004, "md5", "k")));
    }

    @Test
    void wildcardAddressesAreRecognised() {
        assertTrue(ConnectionFile.isWildcard("0.0.0.0"));
        assertTrue(ConnectionFile.isWildcard("*"));
    }
}
