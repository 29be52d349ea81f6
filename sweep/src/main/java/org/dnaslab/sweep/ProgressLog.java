package org.dnaslab.sweep;

import java.io.PrintStream;
import java.util.Locale;
import org.dnaslab.progress.ProgressReporters;

/**
 * One line per finished task with the estimated time left: {@code [sweep] 12/40 done (3 failed attempts), last
 * 41.2 s, elapsed 6m 10s, ETA 14m 23s}. The ETA is the elapsed time per finished task times the tasks left, which
 * already accounts for tasks running side by side.
 */
public final class ProgressLog {
    private final PrintStream out;
    private final String name;
    private final int total;
    private final long started = System.nanoTime();
    private int done;
    private int failed;

    public ProgressLog(PrintStream out, String name, int total) {
        this.out = out;
        this.name = name;
        this.total = total;
    }

    /** A task finished; {@code what} names it, {@code seconds} is its run time. */
    public synchronized void finished(String what, double seconds) {
        done++;
        double elapsed = (System.nanoTime() - started) / 1e9;
        double eta = done >= total ? 0 : elapsed / done * (total - done);
        out.println(String.format(Locale.ROOT, "[%s] %d/%d done%s, %s in %.1f s, elapsed %s, ETA %s", name, done,
                total, failed > 0 ? " (" + failed + " failed attempts)" : "", what, seconds,
                ProgressReporters.seconds(elapsed), ProgressReporters.seconds(eta)));
    }

    /** An attempt failed (Spark retries it up to its maxFailures). */
    public synchronized void failed(String what, String reason) {
        failed++;
        out.println("[" + name + "] attempt failed: " + what + ": " + reason);
    }

    public synchronized int done() {
        return done;
    }
}
