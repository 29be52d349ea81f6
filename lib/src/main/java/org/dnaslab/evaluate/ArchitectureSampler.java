package org.dnaslab.evaluate;

import java.util.SplittableRandom;
import java.util.Objects;
import org.dnaslab.space.Architecture;
import org.dnaslab.space.SearchSpace;

/**
 * Draws one architecture from a space; {@link #uniform} is {@link Architecture#sample}, the random baseline's
 * default. It must use only {@code rng}, so that the same seed gives the same architectures on a rerun.
 */
@FunctionalInterface
public interface ArchitectureSampler {
    Architecture sample(SplittableRandom rng);

    /** Uniform sampling from {@code space} as {@link Architecture#sample(SearchSpace, SplittableRandom)} defines it. */
    static ArchitectureSampler uniform(SearchSpace space) {
        Objects.requireNonNull(space, "space");
        return rng -> Architecture.sample(space, rng);
    }
}
