package org.dnaslab.search;

/** Receives a search's metrics as they happen (charts, logs, early stopping rules). */
public interface SearchListener {
    default void onStep(StepMetrics step) {
    }

    default void onEpoch(EpochMetrics epoch) {
    }
}
