package org.dnaslab.evaluate;

import java.util.SplittableRandom;
import org.dnaslab.space.Architecture;

/**
 * Draws one architecture from a space, e.g. {@code rng -> Architecture.sample(space, rng)} for uniform sampling.
 * It must use only {@code rng}, so that the same seed gives the same architectures on a rerun.
 */
@FunctionalInterface
public interface ArchitectureSampler {
    Architecture sample(SplittableRandom rng);
}
