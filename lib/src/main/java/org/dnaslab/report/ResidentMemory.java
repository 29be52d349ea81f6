package org.dnaslab.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's resident set size, from /proc (Linux), in MiB: Java heap plus native (engine) memory. Reported next
 * to measured figures and stored with sweep results, so it lives here with the other facts about where a figure was
 * measured ({@link CpuSteal}); NaN where /proc is not available.
 */
public final class ResidentMemory {
    private ResidentMemory() {
    }

    /** Resident memory now (VmRSS), or NaN. */
    public static double currentMiB() {
        return field("VmRSS:");
    }

    /** The highest resident memory of this process so far (VmHWM), or NaN. */
    public static double peakMiB() {
        return field("VmHWM:");
    }

    private static double field(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
