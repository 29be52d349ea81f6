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

    /** Share of the training images {@link #redrawnHalves()} sets aside for measurements. */
    public static final double REDRAWN_HELD_OUT_SHARE = 0.2;

    /**
     * New seeded random halves each epoch, so every sample serves both steps over a run, except a fixed seeded
     * fifth ({@link #REDRAWN_HELD_OUT_SHARE}) set aside once: no weight step ever sees it, so supernet accuracies,
     * gaps and PT scores measured on it are on images the weights never trained on (the halves are drawn from the
     * other four fifths).
     */
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
            if (!redrawEachEpoch) {
                int[] perm = permutation(datasetSize, new SplittableRandom(seed));
                int cut = cut(trainShare, datasetSize);
                return new DataSplit(Arrays.copyOfRange(perm, 0, cut), Arrays.copyOfRange(perm, cut, datasetSize));
            }
            if (datasetSize < 3) {
                throw new IllegalArgumentException(name + ": cannot set aside held-out images and split the rest of "
                        + datasetSize + " samples into two parts");
            }
            int[] fixed = permutation(datasetSize, new SplittableRandom(seed));
            int held = Math.max(1, Math.min(datasetSize - 2, (int) Math.floor(REDRAWN_HELD_OUT_SHARE * datasetSize)));
            int[] heldOut = Arrays.copyOfRange(fixed, 0, held);
            int[] rest = Arrays.copyOfRange(fixed, held, datasetSize);
            int[] order = permutation(rest.length, new SplittableRandom(mix(seed, epoch)));
            int[] drawn = new int[rest.length];
            for (int i = 0; i < drawn.length; i++) {
                drawn[i] = rest[order[i]];
            }
            int cut = cut(trainShare, drawn.length);
            return new DataSplit(Arrays.copyOfRange(drawn, 0, cut), Arrays.copyOfRange(drawn, cut, drawn.length),
                    heldOut);
        }

        private static int cut(double share, int size) {
            return Math.max(1, Math.min(size - 1, (int) Math.floor(share * size)));
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
