package org.dnaslab.search;

/** Receives a search's metrics as they happen (charts, logs, early stopping rules). */
public interface SearchListener {
    /** After each bilevel step, with its losses and accuracies; does nothing by default. */
    default void onStep(StepMetrics step) {
    }

    /** After each epoch, with the epoch's metrics; does nothing by default. */
    default void onEpoch(EpochMetrics epoch) {
    }
}
