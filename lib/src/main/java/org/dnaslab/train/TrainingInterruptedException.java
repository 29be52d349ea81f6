package org.dnaslab.train;

/**
 * A long call (search, fine-tuning, PT, single-stage, training from scratch, a measurement) stopped because its
 * thread was interrupted; see the package comment for the contract. The message says where it stopped and what
 * was kept. The thread's interrupt flag is set again before this is thrown.
 */
public class TrainingInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TrainingInterruptedException(String message) {
        super(message);
    }

    /**
     * Throws when the current thread has been interrupted (the flag stays set). Loops call it before each step.
     *
     * @param where what stopped and where, e.g. "PT selection after 3 of 8 steps"
     */
    public static void throwIfInterrupted(java.util.function.Supplier<String> where) {
        if (Thread.currentThread().isInterrupted()) {
            throw new TrainingInterruptedException(where.get() + " interrupted");
        }
    }
}
