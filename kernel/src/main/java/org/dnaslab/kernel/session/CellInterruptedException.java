package org.dnaslab.kernel.session;

/** The cell was interrupted on request. The cause, if any, shows where it was when it stopped. */
public final class CellInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CellInterruptedException(Throwable whereItStopped) {
        super("the cell was interrupted; the session and its variables are kept", whereItStopped);
    }
}
