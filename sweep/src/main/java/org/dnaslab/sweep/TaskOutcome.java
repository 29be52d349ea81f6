package org.dnaslab.sweep;

import java.io.Serializable;

/**
 * What one task did, as it travels back to the driver.
 *
 * @param kind        "training" or "search"
 * @param storeKey    the result-store key the result is kept under
 * @param label       a short name for logs and tables (method and budget of a search; empty for a training)
 * @param arch        the trained or selected cell (an NB201 string, or a genotype for DARTS-type spaces)
 * @param cellKey     the canonical key of an NB201 cell, else the architecture's text
 * @param seed        the training or search seed
 * @param accuracy    test accuracy (training) or the method's own accuracy (search)
 * @param params      trainable weights of the trained network (NaN for a search)
 * @param seconds     seconds of the training or search itself, as stored (from the run that made it)
 * @param trainedNow  true if this task computed the result, false if it found it in the store
 * @param rssMiB      the executor's resident memory after the task (heap + native)
 * @param peakRssMiB  the executor's peak resident memory so far (VmHWM): with one task per executor, the
 *                    memory a task needs (JVM, engine, data, network, gradients and batch)
 */
public record TaskOutcome(String kind, String storeKey, String label, String arch, String cellKey, long seed,
                          double accuracy, double params, double seconds, boolean trainedNow, double rssMiB,
                          double peakRssMiB) implements Serializable {
}
