package org.dnaslab.search;

import org.dnaslab.data.DataSplit;
import org.dnaslab.data.ImageDataset;
import org.dnaslab.data.SplitStrategies;
import org.dnaslab.data.SyntheticData;
import org.dnaslab.ops.ForwardMode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** What a search epoch is, and which images its per-epoch accuracy is measured on (DESIGN.md §3, §4). */
class SearchEpochTest {
    private static final ImageDataset DATA = SyntheticData.gratings("tiny", 160, 3, 1, 8, 8, new SplittableRandom(2));

    private static SearchConfig.Builder tiny(String split, int epochs) {
        return SearchConfig.builder().setSpace("nb201").optChannels(4).optCells(1).optInput(1, 8).optClasses(3)
                .optSeed(4).setEpochs(epochs).optBatchSize(16).optAlphaLr(3e-2).optSplit(split);
    }

    @Test
    void anEpochIsOnePassOverTheWeightImagesEvenWhenTheArchitecturePartIsSmaller() {
        // 120 weight images and 40 architecture images: 7 weight steps, the architecture batches wrap around
        SearchConfig c = tiny("fixed-fraction(0.75)", 2).build();
        List<StepMetrics> steps = new ArrayList<>();
        try (DartsSearch s = DartsSearch.builder(c).addListener(new SearchListener() {
            @Override
            public void onStep(StepMetrics m) {
                steps.add(m);
            }
        }).optProgress(false).build()) {
            s.run(DATA);
        }
        assertEquals(2 * (120 / 16), steps.size(), "not cut to the 40 architecture images (2 batches)");
        assertEquals(120 / 16, steps.get(0).steps());
    }

    @Test
    void theEpochAccuracyOfAReDrawnSplitIsMeasuredOnItsHeldOutImages() {
        SearchConfig c = tiny("redrawn-halves", 2).build();
        try (DartsSearch s = DartsSearch.builder(c).optProgress(false).build()) {
            s.run(DATA);
            DataSplit last = SplitStrategies.redrawnHalves().split(DATA.size(), 1, c.supernet().seed());
            double heldOut = new SupernetEvaluator(DATA, last.heldOut(), 16, 0)
                    .evaluate(s.supernet(), ForwardMode.BATCH_STATS).loss();
            double val = new SupernetEvaluator(DATA, last.val(), 16, 0)
                    .evaluate(s.supernet(), ForwardMode.BATCH_STATS).loss();
            assertEquals(heldOut, s.history().get(1).valLoss(), 0.0);
            assertNotEquals(val, s.history().get(1).valLoss(), "not on this epoch's architecture half");
        }
    }
}
