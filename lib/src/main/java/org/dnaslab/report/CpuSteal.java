package org.dnaslab.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time the hypervisor gave to other guests while we wanted it ("steal" in /proc/stat). On a shared VM it moves
 * timings by tens of percent, so the bench reports it next to every figure: a comparison is only as good as the
 * steal on both sides was alike and low.
 */
public final class CpuSteal {
    private static final Path STAT = Path.of("/proc/stat");

    /** Cumulative ticks: [steal, total]. */
    private final long[] start;

    private CpuSteal(long[] start) {
        this.start = start;
    }

    /** Starts counting; on a system without /proc/stat the share will be NaN. */
    public static CpuSteal start() {
        return new CpuSteal(read());
    }

    /** Percent of all CPU time since {@link #start()} that was stolen, or NaN if unknown. */
    public double percent() {
        long[] now = read();
        if (start == null || now == null || now[1] <= start[1]) {
            return Double.NaN;
        }
        return 100.0 * (now[0] - start[0]) / (now[1] - start[1]);
    }

    private static long[] read() {
        try {
            for (String line : Files.readAllLines(STAT)) {
                if (line.startsWith("cpu ")) {
                    String[] f = line.trim().split("\\s+");
                    long total = 0;
                    // user nice system idle iowait irq softirq steal (guest time is already inside user)
                    for (int i = 1; i <= Math.min(8, f.length - 1); i++) {
                        total += Long.parseLong(f[i]);
                    }
                    return new long[] {f.length > 8 ? Long.parseLong(f[8]) : 0, total};
                }
            }
        } catch (IOException | NumberFormatException e) {
            return null;
        }
        return null;
    }
}
