package org.dnaslab.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine a figure was measured on, in one line: CPU model, cores, and the widest AVX it offers. */
final class Machine {
    private Machine() {
    }

    static String describe() {
        String model = "unknown CPU";
        String flags = "";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name") && model.equals("unknown CPU")) {
                    model = line.substring(line.indexOf(':') + 1).trim();
                } else if (line.startsWith("flags") && flags.isEmpty()) {
                    flags = line;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or /proc is hidden: the model stays unknown, which the report then says.
        }
        String simd = flags.contains(" avx512f") ? "AVX-512" : flags.contains(" avx2") ? "AVX2" : "no AVX2";
        return model + ", " + Runtime.getRuntime().availableProcessors() + " cores, " + simd;
    }
}
