package org.dnaslab.evaluate;

import org.dnaslab.progress.Progress;

/**
 * A whole search pipeline for one seed (search, then select; any selector or regularizer of the toolkit), as
 * {@link MultiSeedRunner} runs it. It must take all its randomness from {@code seed}. {@code progress} has no known
 * total; the runner closes it.
 */
@FunctionalInterface
public interface SearchMethod {
    /** Searches and selects once, with all randomness from {@code seed}, reporting to {@code progress}. */
    MethodResult run(long seed, Progress progress);
}
