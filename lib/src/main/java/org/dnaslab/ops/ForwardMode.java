package org.dnaslab.ops;

/**
 * How batch normalisation behaves in a forward pass. Supernet measurements use {@link #BATCH_STATS}: the
 * running statistics of a weight-sharing network describe no single architecture, so they are neither used
 * nor disturbed (as the PT paper does).
 */
public enum ForwardMode {
    /** Training: batch statistics, running statistics updated. */
    TRAIN,
    /** Measurement with batch statistics; running statistics left untouched. */
    BATCH_STATS,
    /** Inference with running statistics. */
    EVAL;

    public boolean usesBatchStatistics() {
        return this != EVAL;
    }
}
