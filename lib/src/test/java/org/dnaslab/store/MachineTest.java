package org.dnaslab.store;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

class MachineTest {
    @Test
    void namesCoresAndTheVectorUnitThatChoosesTheKernels() throws Exception {
        String d = Machine.describe();
        assertTrue(d.contains(Runtime.getRuntime().availableProcessors() + " cores"), d);
        assertTrue(d.contains(System.getProperty("os.name")), d);
        Path info = Path.of("/proc/cpuinfo");
        if (Files.isReadable(info)) {
            String flags = Files.readAllLines(info).stream().filter(l -> l.startsWith("flags")).findFirst().orElse("");
            String expected = flags.contains(" avx512f") ? ", AVX-512," : flags.contains(" avx2") ? ", AVX2," : ", no AVX2,";
            assertTrue(d.contains(expected), "expected '" + expected + "' from /proc/cpuinfo's flags: " + d);
            assertTrue(!d.startsWith("unknown CPU"), "the model name is read from /proc/cpuinfo: " + d);
        }
    }
}
