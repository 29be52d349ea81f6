package org.dnaslab.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/** The split protocols compared in the single-stage experiments (DESIGN.md §7). */
public final class SplitStrategies {
    private SplitStrategies() {
    }

    /**
     * Classic DARTS: one seeded permutation of the training set, its first half for weights and second half for
     * the architecture, the same in every epoch (the train half gets the smaller half of an odd size).
     */
    public static SplitStrategy fixedHalves() {
        return new Fractional("fixed-halves", 0.5, false);
    }

    /** New seeded random halves each epoch, so every sample serves both steps over a run. */
    public static SplitStrategy redrawnHalves() {
        return new Fractional("redrawn-halves", 0.5, true);
    }

    /** A fixed seeded split with floor(trainShare × size) samples for weights, the rest for the architecture. */
    public static SplitStrategy fixedFraction(double trainShare) {
        if (!(trainShare > 0 && trainShare < 1)) {
            throw new IllegalArgumentException("trainShare must be strictly between 0 and 1, got " + trainShare);
        }
        return new Fractional("fixed-fraction(" + trainShare + ")", trainShare, false);
    }

    /** A split strategy by name: fixed-halves, redrawn-halves, or fixed-fraction(0.8). */
    public static SplitStrategy byName(String name) {
        String n = name.trim();
        if (n.equals("fixed-halves")) {
            return fixedHalves();
        }
        if (n.equals("redrawn-halves")) {
            return redrawnHalves();
        }
        if (n.startsWith("fixed-fraction(") && n.endsWith(")")) {
            try {
                return fixedFraction(Double.parseDouble(n.substring("fixed-fraction(".length(), n.length() - 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("split '" + name + "': the share is not a number", e);
            }
        }
        throw new IllegalArgumentException("unknown split '" + name
                + "'; expected fixed-halves, redrawn-halves or fixed-fraction(share)");
    }

    private record Fractional(String name, double trainShare, boolean redrawEachEpoch) implements SplitStrategy {
        @Override
        public DataSplit split(int datasetSize, int epoch, long seed) {
            if (datasetSize < 2) {
                throw new IllegalArgumentException(name + ": cannot split " + datasetSize + " samples into two parts");
            }
            if (epoch < 0) {
                throw new IllegalArgumentException(name + ": epoch must be >= 0, got " + epoch);
            }
            long streamSeed = redrawEachEpoch ? mix(seed, epoch) : seed;
            int[] perm = permutation(datasetSize, new SplittableRandom(streamSeed));
            int cut = (int) Math.floor(trainShare * datasetSize);
            cut = Math.max(1, Math.min(datasetSize - 1, cut));
            return new DataSplit(Arrays.copyOfRange(perm, 0, cut), Arrays.copyOfRange(perm, cut, datasetSize));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A seed for epoch e derived from the run seed; distinct epochs give unrelated streams. */
    private static long mix(long seed, int epoch) {
        return new SplittableRandom(seed ^ 0x5DEECE66DL * (epoch + 1)).nextLong();
    }

    /** A uniformly random permutation of 0..n-1 (Fisher-Yates). */
    static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        Arrays.setAll(p, i -> i);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
