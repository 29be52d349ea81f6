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
}
