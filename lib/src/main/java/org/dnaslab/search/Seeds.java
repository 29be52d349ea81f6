package org.dnaslab.search;

import java.util.SplittableRandom;

/**
 * Derives independent, reproducible random streams from a run seed and a purpose, so that e.g. epoch 7's data
 * order is the same whether the run went straight through or was resumed at epoch 5.
 */
public final class Seeds {
    private Seeds() {
    }

    public static SplittableRandom stream(long seed, long purpose, long index) {
        long mixed = new SplittableRandom(seed).nextLong() ^ (purpose * 0x9E3779B97F4A7C15L) ^ (index * 0xC2B2AE3D27D4EB4FL);
        return new SplittableRandom(new SplittableRandom(mixed).nextLong());
    }

    /** A seeded permutation of {@code values}. */
    public static int[] shuffled(int[] values, SplittableRandom rng) {
        int[] a = values.clone();
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
