package org.dnaslab.search;

import ai.djl.ndarray.NDArray;

import java.util.Map;

/**
 * Updates a fixed list of parameters from their gradients. Written here rather than taken from DJL because a
 * checkpoint must hold the optimizer state (momentum, Adam moments, step count), which DJL's optimizers keep
 * private, and resuming must continue bit for bit.
 *
 * <p>The state arrays live on the parameters' manager, so an optimizer that is not closed keeps weight-sized
 * buffers until the network itself is closed: close it when its training ends (try-with-resources).
 */
public interface ParameterOptimizer extends AutoCloseable {
    /** One update with learning rate {@code lr}; parameters without a gradient are left alone. */
    void step(float lr);

    /** The state arrays by stable name, for checkpoints. */
    Map<String, NDArray> state();

    /** Scalars of the state (e.g. Adam's step count), for checkpoints. */
    Map<String, Double> counters();

    void loadCounters(Map<String, Double> counters);

    /** Frees the state arrays; the parameters are left alone. Closing twice is harmless. */
    @Override
    void close();
}
