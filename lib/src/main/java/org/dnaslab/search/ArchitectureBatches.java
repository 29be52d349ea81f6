package org.dnaslab.search;

import java.util.ArrayList;
import java.util.List;

/**
 * The architecture batches of one search epoch: step i takes the next full batch of a seeded order of the
 * architecture images; when a pass through them ends before the epoch does, a new seeded order starts (DARTS draws
 * a fresh random batch for every step). The first pass's order is drawn right after the weight order, from the same
 * stream, so splits whose architecture part is at least as large as the weight part see the same batches as before
 * this rule.
 */
final class ArchitectureBatches {
    /** Orders of the architecture images after the first pass through them within an epoch. */
    private static final long PURPOSE_VAL_REPEAT = 2;

    private final int[] images;
    private final int batchSize;
    private final int perPass;
    private final long seed;
    private final int epoch;
    private final List<int[]> passes = new ArrayList<>();

    ArchitectureBatches(int[] images, int[] firstPass, int batchSize, long seed, int epoch) {
        this.images = images;
        this.batchSize = batchSize;
        this.perPass = images.length / batchSize;
        this.seed = seed;
        this.epoch = epoch;
        passes.add(firstPass);
    }

    /** The order step {@code step}'s batch is taken from. */
    int[] order(int step) {
        int pass = step / perPass;
        while (passes.size() <= pass) {
            long index = (long) epoch * 1_000_003L + passes.size();
            passes.add(Seeds.shuffled(images, Seeds.stream(seed, PURPOSE_VAL_REPEAT, index)));
        }
        return passes.get(pass);
    }

    /** Where in {@link #order} step {@code step}'s batch starts. */
    int from(int step) {
        return (step % perPass) * batchSize;
    }
}
