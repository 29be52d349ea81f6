package org.dnaslab.select;

import org.dnaslab.search.DartsSearch;
import org.dnaslab.space.CellType;
import org.dnaslab.space.OpNames;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
