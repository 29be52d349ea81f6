package org.dnaslab.kernel.channel;

import com.google.gson.JsonParseException;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads and checks a kernel connection file, so the kernel never binds somewhere unintended or runs unsigned. */
public final class ConnectionFile {
    private ConnectionFile() {
    }

    public static KernelConnectionProperties read(Path file) throws IOException {
        String json = Files.readString(file, StandardCharsets.UTF_8);
        KernelConnectionProperties props;
        try {
            props = KernelConnectionProperties.parse(json);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("connection file " + file + " is not valid JSON: " + e.getMessage(), e);
        }
        if (props == null) {
            throw new IllegalArgumentException("connection file " + file + " is empty");
        }
        check(props);
        return props;
    }

    /** @throws IllegalArgumentException saying what is wrong */
    public static void check(KernelConnectionProperties p) {
        // jjava forms addresses as transport://ip:port, which is right for tcp only.
        if (!"tcp".equals(p.getTransport())) {
            throw new IllegalArgumentException("transport '" + p.getTransport() + "' is not supported; use tcp");
        }
        String ip = p.getIp();
        if (ip == null || ip.isBlank() || ip.contains("/") || ip.contains(" ")) {
            throw new IllegalArgumentException("the connection file's ip '" + ip + "' is not an address to bind");
        }
        List<Integer> ports = List.of(p.getShellPort(), p.getControlPort(), p.getIopubPort(), p.getStdinPort(), p.getHbPort());
        Set<Integer> distinct = new HashSet<>();
        for (int port : ports) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("the connection file lacks a port or has an invalid one: " + ports);
            }
            if (!distinct.add(port)) {
                throw new IllegalArgumentException("the connection file uses port " + port + " twice: " + ports);
            }
        }
        if (p.getKey() == null || p.getKey().isEmpty()) {
            throw new IllegalArgumentException("the connection file has no key: this kernel only runs with signed messages");
        }
        String scheme = p.getSignatureScheme() == null ? "" : p.getSignatureScheme().toLowerCase(Locale.ROOT);
        if (!scheme.startsWith("hmac-")) {
            throw new IllegalArgumentException("signature scheme '" + p.getSignatureScheme() + "' is not an HMAC scheme");
        }
        try {
            p.createHMACGenerator();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalArgumentException("signature scheme '" + p.getSignatureScheme() + "' is not available: " + e, e);
        }
    }

    /** True for addresses that accept connections from other machines. */
    public static boolean isWildcard(String ip) {
        return ip.equals("*") || ip.equals("0.0.0.0") || ip.equals("::") || ip.equals("[::]");
    }
}
