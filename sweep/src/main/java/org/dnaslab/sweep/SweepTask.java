package org.dnaslab.sweep;

import java.io.Serializable;

/** One unit of a sweep that a Spark task runs: a training ({@link TrainingTask}) or a search ({@link SearchTask}). */
public interface SweepTask extends Serializable {
    /** Computes the result, or finds it in the store; saves it before returning. */
    TaskOutcome run();

    /** A short name for the progress log. */
    String label();
}
