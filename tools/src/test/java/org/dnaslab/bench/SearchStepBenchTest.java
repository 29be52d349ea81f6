package org.dnaslab.bench;

import org.dnaslab.search.SearchConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A search-step case whose time budget ends before its epoch does (as slow steps on a loaded machine make it) stops
 * cleanly, and the profiled steps come after the timed ones. Nothing here is timed: only step counts are checked.
 */
class SearchStepBenchTest {
    private static final SearchConfig TINY = SearchConfig.builder().setSpace("nb201").optChannels(4).optCells(1)
            .optBatchSize(16).setEpochs(1).build();

    @TempDir
    Path dir;

    @Test
    void aBudgetSpentBeforeTheEpochEndsStopsTheSearchWithoutAnError() {
        // a microsecond of budget: every step overruns it, so timing ends after the minimum of 3 of the 5 repeats
        StepBudget budget = new StepBudget(1, 5, 1e-6);
        double[] timed = SearchStepBench.run(TINY, budget, null);
        assertEquals(StepBudget.MIN_REPEATS, timed.length);
    }

    @Test
    void profiledStepsFollowTheTimedOnes() throws Exception {
        StepBudget budget = new StepBudget(1, 5, 1e-6);
        double[] timed = SearchStepBench.run(TINY, budget, null, StepProfiler.of(dir.resolve("p"), "tiny", 2));
        assertEquals(StepBudget.MIN_REPEATS, timed.length);
        String summary = Files.readString(dir.resolve("p.tiny.ours.txt"));
        assertTrue(summary.startsWith("tiny: 2 steps"), summary);
        assertTrue(summary.contains("aten::convolution_backward"), summary);
    }
}
