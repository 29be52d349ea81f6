package org.dnaslab.evaluate;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.dnaslab.space.Architecture;
import org.dnaslab.space.Nb201Canonical;

/**
 * One cell of a {@link GroundTruth} table: the stand-alone test accuracy of a canonical NB201 cell under the table's
 * protocol, per training seed.
 *
 * @param key        the cell's {@link Nb201Canonical#key canonical key}
 * @param cell       the cell that was trained (its class's {@link Nb201Canonical#representative representative})
 * @param accuracies test accuracy per training seed, in [0, 1], at least one
 * @param params     trainable weights of the network
 * @param seconds    mean wall-clock seconds of one training (test included)
 * @param protocol   fingerprint of the protocol (seed 0) every seed was trained under
 */
public record GroundTruthRow(String key, Architecture cell, SortedMap<Long, Double> accuracies, long params,
                             double seconds, String protocol) {

    public GroundTruthRow {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(cell, "cell");
        Objects.requireNonNull(protocol, "protocol");
        if (accuracies == null || accuracies.isEmpty()) {
            throw new IllegalArgumentException("row " + key + ": needs the accuracy of at least one seed");
        }
        for (Map.Entry<Long, Double> e : accuracies.entrySet()) {
            double a = e.getValue();
            if (!(a >= 0 && a <= 1)) {
                throw new IllegalArgumentException("row " + key + ": accuracy of seed " + e.getKey()
                        + " must be in [0, 1], got " + a);
            }
        }
        if (!Nb201Canonical.key(cell).equals(key)) {
            throw new IllegalArgumentException("row " + key + ": its cell " + cell.toNb201String()
                    + " has the canonical key " + Nb201Canonical.key(cell));
        }
        accuracies = Collections.unmodifiableSortedMap(new TreeMap<>(accuracies));
    }

    /** Mean test accuracy over the seeds. */
    public double mean() {
        return accuracies.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    /** This row with one more seed's accuracy; the seconds become the mean over all seeds. */
    public GroundTruthRow withSeed(long seed, double accuracy, double trainingSeconds) {
        if (accuracies.containsKey(seed)) {
            throw new IllegalArgumentException("row " + key + " already has seed " + seed);
        }
        TreeMap<Long, Double> all = new TreeMap<>(accuracies);
        all.put(seed, accuracy);
        double totalSeconds = seconds * accuracies.size() + trainingSeconds;
        return new GroundTruthRow(key, cell, all, params, totalSeconds / all.size(), protocol);
    }
}
