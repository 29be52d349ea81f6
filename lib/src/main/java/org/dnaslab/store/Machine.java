package org.dnaslab.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine a figure or a table was made on, in one line: CPU model, cores, the widest AVX it offers and the
 * operating system. The vector unit is named because libtorch, oneDNN and MKL choose kernels by it, and they round
 * differently: the same seed gives other floats on an AVX2-only CPU than on an AVX-512 one.
 */
public final class Machine {
    private Machine() {
    }

    /** For example "AMD EPYC, 2 cores, AVX-512, Linux 6.1". */
    public static String describe() {
        String model = "unknown CPU (" + System.getProperty("os.arch") + ")";
        String flags = "";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name") && model.startsWith("unknown CPU")) {
                    model = line.substring(line.indexOf(':') + 1).trim();
                } else if (line.startsWith("flags") && flags.isEmpty()) {
                    flags = line;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or /proc is hidden: the model stays unknown, which the report then says.
        }
        String simd = flags.contains(" avx512f") ? "AVX-512" : flags.contains(" avx2") ? "AVX2" : "no AVX2";
        return model + ", " + Runtime.getRuntime().availableProcessors() + " cores, " + simd + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.version");
    }
}
