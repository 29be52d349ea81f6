package org.dnaslab.evaluate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.dnaslab.space.Architecture;

/**
 * What one seed of a search method found.
 *
 * @param seed         the search seed
 * @param architecture the architecture it selected
 * @param accuracy     the accuracy the method reports for it (e.g. the discretized supernet's, or after its own
 *                     fine-tuning); {@link MultiSeedRunner} can replace it by a from-scratch training under a
 *                     declared protocol, which is what a relative improvement should use
 * @param metrics      anything else: supernet accuracy, discretization gap, skip share, seconds, ...
 */
public record MethodResult(long seed, Architecture architecture, double accuracy, Map<String, Double> metrics) {

    /** Requires the architecture; a null metrics map means none. */
    public MethodResult {
        Objects.requireNonNull(architecture, "architecture");
        metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }
}
