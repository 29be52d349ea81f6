package org.dnaslab.kernel.session;

/**
 * An interrupted cell that never checks for interrupts, on a Java that cannot stop a thread by force (20 and later):
 * it goes on in the background. The session stays usable; only a restart ends the loop.
 */
public final class CellStillRunningException extends RuntimeException {
    CellStillRunningException(String thread, int javaVersion) {
        super("the cell never checks for interrupts and Java " + javaVersion + " cannot stop a thread by force, "
                + "so it goes on running in the background (thread " + thread + ", one busy CPU). Your variables and "
                + "later cells still work; restart the kernel to end that loop.");
    }
}
