package org.dnaslab.search;

import ai.djl.ndarray.NDArray;
import org.dnaslab.data.ImageDataset;
import org.dnaslab.data.SyntheticData;
import org.dnaslab.space.CellType;
import org.dnaslab.supernet.ArchitectureParameters;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A same-seed search gives the same numbers whenever the garbage collector runs. It did not: DJL's
 * {@code NDArray.div(Number)} left the cross-entropy's divisor in Java memory that autograd read in the backward
 * pass, after a collection could have freed it, and about one search in 50 ended with another α (see
 * {@link org.dnaslab.ops.Scalars}). Here a loss term that adds nothing collects garbage at the worst moment, between
 * every architecture step's forward and backward pass; before the fix the first such step already diverged.
 */
class GcReproducibilityTest {
    private static final ImageDataset DATA = SyntheticData.gratings("tiny", 192, 3, 1, 28, 28, new SplittableRandom(5));

    /** No penalty; optionally a full collection, and time for the freed buffers' cleaners to run. */
    private record Collecting(boolean collect) implements LossTerm {
        @Override
        public NDArray penalty(ArchitectureParameters arch, int epoch, int epochs) {
            if (collect) {
                System.gc();
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return null;
        }

        @Override
        public Map<String, Object> describe() {
            return Map.of("name", "none");
        }
    }

    /** Every step's training and validation loss, then every α value, as exact bits. */
    private static List<Long> trace(boolean collect) {
        SearchConfig config = SearchConfig.builder().setSpace("nb201").optChannels(4).optCells(1).optInput(1, 28)
                .optClasses(3).optSeed(7).setEpochs(2).optBatchSize(16).optAlphaLr(3e-2).build();
        List<Long> bits = new ArrayList<>();
        try (DartsSearch s = DartsSearch.builder(config).optLossTerm(new Collecting(collect)).addListener(
                new SearchListener() {
                    @Override
                    public void onStep(StepMetrics m) {
                        bits.add(Double.doubleToRawLongBits(m.trainLoss()));
                        bits.add(Double.doubleToRawLongBits(m.valLoss()));
                    }
                }).optProgress(false).build()) {
            s.run(DATA);
            for (CellType t : s.supernet().space().cellTypes()) {
                for (float a : s.supernet().arch().alpha(t).toFloatArray()) {
                    bits.add((long) Float.floatToRawIntBits(a));
                }
            }
        }
        return bits;
    }

    @Test
    void collectingGarbageBetweenForwardAndBackwardChangesNothing() {
        assertEquals(trace(false), trace(true));
    }
}
