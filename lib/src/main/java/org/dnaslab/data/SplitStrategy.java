package org.dnaslab.data;

/**
 * How a training set is divided between weight steps and architecture steps, possibly anew each epoch.
 * Implementations are deterministic functions of their arguments, so a run is reproducible from its seed.
 */
public interface SplitStrategy {
    /** The split for one epoch (counted from 0) of a dataset of the given size. */
    DataSplit split(int datasetSize, int epoch, long seed);

    /** A short name for run records, e.g. {@code fixed-halves}. */
    String name();
}
