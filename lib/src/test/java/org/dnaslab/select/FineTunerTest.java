package org.dnaslab.select;

import org.dnaslab.search.DartsSearch;
import org.dnaslab.train.TrainingInterruptedException;
import org.dnaslab.space.CellType;
import org.dnaslab.space.OpNames;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FineTunerTest {

    @Test
    void weightsOnlyTuningLeavesAlphaAndAlphaStepsMoveIt() {
        try (DartsSearch search = Tiny.search(Tiny.nb201(12, 1).build())) {
            SelectionContext ctx = SelectionContext.of(search, Tiny.DATA);
            float[] alpha = search.supernet().arch().alpha(CellType.NORMAL).toFloatArray();
            float[] w = search.supernet().weights().get(0).toFloatArray();
            List<FineTuner.Epoch> epochs = FineTuner.from(ctx.config()).setEpochs(1).build()
                    .tune(search.supernet(), ctx.data(), ctx.split().train(), null);
            assertEquals(1, epochs.size());
            assertArrayEquals(alpha, search.supernet().arch().alpha(CellType.NORMAL).toFloatArray());
            assertFalse(java.util.Arrays.equals(w, search.supernet().weights().get(0).toFloatArray()));
            FineTuner.from(ctx.config()).optAlphaSteps(true).setEpochs(1).build()
                    .tune(search.supernet(), ctx.data(), ctx.split().train(), ctx.split().val());
            assertFalse(java.util.Arrays.equals(alpha, search.supernet().arch().alpha(CellType.NORMAL).toFloatArray()));
        }
    }

    /** Issue 11: every call used to leave its SGD and Adam state (weight-sized) on the supernet's manager. */
    @Test
    void tuningLeavesNoArraysBehindWhetherItFinishesOrIsInterrupted() {
        try (DartsSearch search = Tiny.search(Tiny.nb201(12, 1).build())) {
            SelectionContext ctx = SelectionContext.of(search, Tiny.DATA);
            FineTuner tuner = FineTuner.from(ctx.config()).optAlphaSteps(true).setEpochs(1).build();
            var manager = search.supernet().manager();
            tuner.tune(search.supernet(), ctx.data(), ctx.split().train(), ctx.split().val());
            int live = manager.getManagedArrays().size();
            for (int i = 1; i <= 3; i++) {
                tuner.tune(search.supernet(), ctx.data(), ctx.split().train(), ctx.split().val(), i);
            }
            assertEquals(live, manager.getManagedArrays().size(), "live arrays after three more tunings");
            Thread.currentThread().interrupt();
            try {
                assertThrows(TrainingInterruptedException.class,
                        () -> tuner.tune(search.supernet(), ctx.data(), ctx.split().train(), ctx.split().val()));
            } finally {
                Thread.interrupted();
            }
            assertEquals(live, manager.getManagedArrays().size(), "live arrays after an interrupted tuning");
        }
    }

    @Test
    void alphaStepsAreSkippedWhenNoUndecidedEdgeReachesTheOutput() {
        try (DartsSearch search = Tiny.search(Tiny.nb201(12, 1).build())) {
            SelectionContext ctx = SelectionContext.of(search, Tiny.DATA);
            var d = search.supernet().arch().decisions();
            for (int e : List.of(3, 4, 5)) { // every input of node 3, the cell output
                d.commit(CellType.NORMAL, e, OpNames.NONE);
            }
            float[] alpha = search.supernet().arch().alpha(CellType.NORMAL).toFloatArray();
            FineTuner.from(ctx.config()).optAlphaSteps(true).setEpochs(1).build()
                    .tune(search.supernet(), ctx.data(), ctx.split().train(), ctx.split().val());
            assertArrayEquals(alpha, search.supernet().arch().alpha(CellType.NORMAL).toFloatArray());
        }
    }

    /**
     * Issue 13: the search hands its selectors the data and split it trained on (after its train limit, the split of
     * its last epoch); nothing is recomputed from what the caller passes, and other data are refused.
     */
    @Test
    void aSearchGivesItsSelectorsTheDataAndSplitItTrainedOn() {
        try (DartsSearch search = Tiny.search(Tiny.nb201(12, 2).optTrainLimit(160).optSplit("redrawn-halves").build())) {
            SelectionContext ctx = SelectionContext.of(search);
            assertEquals(160, ctx.data().size(), "the train limit");
            var lastEpoch = org.dnaslab.data.SplitStrategies.byName("redrawn-halves").split(160, 1, 12);
            assertArrayEquals(lastEpoch.train(), ctx.split().train(), "the split of the last epoch (1)");
            assertFalse(java.util.Arrays.equals(org.dnaslab.data.SplitStrategies.byName("redrawn-halves")
                    .split(160, 0, 12).train(), ctx.split().train()), "not the first epoch's");
            SelectionContext same = SelectionContext.of(search, Tiny.DATA);
            assertEquals(ctx.data(), same.data());
            assertArrayEquals(ctx.split().heldOut(), same.split().heldOut());
            var other = org.dnaslab.data.SyntheticData.gratings("other", 192, 3, 1, 8, 8, new java.util.SplittableRandom(3));
            var e = assertThrows(IllegalArgumentException.class, () -> SelectionContext.of(search, other));
            assertTrue(e.getMessage().contains("other (160 images)"), e.getMessage());
        }
        try (DartsSearch blank = DartsSearch.builder(Tiny.nb201(12, 1).build()).optProgress(false).build()) {
            assertThrows(IllegalStateException.class, () -> SelectionContext.of(blank), "a search that never ran");
            assertEquals(Tiny.DATA.size(), SelectionContext.of(blank, Tiny.DATA).data().size());
        }
    }
}
