package org.dnaslab.progress;

import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** The built-in reporters and the process-wide default. */
public final class ProgressReporters {
    private static volatile ProgressReporter current = console(System.err, 10_000);

    private ProgressReporters() {
    }

    /** The reporter {@link Progress#start} uses. */
    public static ProgressReporter current() {
        return current;
    }

    /** Replaces the default reporter (the kernel does this at startup). */
    public static void setCurrent(ProgressReporter reporter) {
        current = Objects.requireNonNull(reporter);
    }

    /** Shows nothing. */
    public static ProgressReporter silent() {
        return (task, total) -> new Progress() {
            @Override
            public void update(long step, String phase, Map<String, Double> metrics) {
            }

            @Override
            public void finish(String message) {
            }
        };
    }

    /** A log line at most every {@code minIntervalMillis}, plus one at the end. */
    public static ProgressReporter console(PrintStream out, long minIntervalMillis) {
        return (task, total) -> new Progress() {
            private final long started = System.nanoTime();
            private long lastPrinted = started;
            private String last = "";

            @Override
            public void update(long step, String phase, Map<String, Double> metrics) {
                last = line(task, step, total, phase, metrics, started);
                long now = System.nanoTime();
                if ((now - lastPrinted) / 1_000_000 >= minIntervalMillis) {
                    out.println(last);
                    lastPrinted = now;
                }
            }

            @Override
            public void finish(String message) {
                out.println(last.isEmpty() ? "[" + task + "] " + message : last + (message.isEmpty() ? "" : "  " + message));
            }
        };
    }

    /** "[task] 40% 120/300 epoch 2/5 loss=0.512 acc=0.803 elapsed 12s ETA 18s" */
    public static String line(String task, long step, long total, String phase, Map<String, Double> metrics, long startedNanos) {
        double elapsed = (System.nanoTime() - startedNanos) / 1e9;
        StringBuilder sb = new StringBuilder("[").append(task).append("] ");
        if (total > 0) {
            sb.append(Math.round(100.0 * step / total)).append("% ").append(step).append('/').append(total);
        } else {
            sb.append(step);
        }
        if (phase != null && !phase.isEmpty()) {
            sb.append(' ').append(phase);
        }
        if (metrics != null && !metrics.isEmpty()) {
            sb.append(' ').append(metrics.entrySet().stream()
                    .map(e -> e.getKey() + "=" + String.format(java.util.Locale.ROOT, "%.4g", e.getValue()))
                    .collect(Collectors.joining(" ")));
        }
        sb.append(String.format(java.util.Locale.ROOT, " elapsed %s", seconds(elapsed)));
        if (total > 0 && step > 0 && step < total) {
            sb.append(" ETA ").append(seconds(elapsed * (total - step) / step));
        }
        return sb.toString();
    }

    public static String seconds(double s) {
        if (s < 60) {
            return String.format(java.util.Locale.ROOT, "%.0fs", s);
        }
        if (s < 3600) {
            return String.format(java.util.Locale.ROOT, "%dm%02ds", (long) s / 60, (long) s % 60);
        }
        return String.format(java.util.Locale.ROOT, "%dh%02dm", (long) s / 3600, ((long) s % 3600) / 60);
    }
}
