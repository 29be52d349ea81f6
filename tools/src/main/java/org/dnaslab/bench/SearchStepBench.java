package org.dnaslab.bench;

import org.dnaslab.data.ImageDataset;
import org.dnaslab.data.SyntheticData;
import org.dnaslab.search.DartsSearch;
import org.dnaslab.search.SearchConfig;
import org.dnaslab.search.SearchListener;
import org.dnaslab.search.StepMetrics;
import org.dnaslab.train.TrainingInterruptedException;

import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Times the real search step (architecture step + weight step, as {@link DartsSearch} runs it) on synthetic
 * images of the configured shape, so that the data cannot make one side faster than the other.
 */
public final class SearchStepBench {
    private SearchStepBench() {
    }

    /**
     * @param onStep called with the number of steps done after each step (memory probes hook in here)
     * @return wall-clock milliseconds of the measured steps (warm-up steps excluded)
     */
    public static double[] run(SearchConfig config, int warmup, int repeats, IntConsumer onStep) {
        return run(config, new StepBudget(warmup, repeats, Double.POSITIVE_INFINITY), onStep);
    }

    /**
     * Runs steps until {@code budget} is done.
     *
     * @return wall-clock milliseconds of the timed steps
     */
    public static double[] run(SearchConfig config, StepBudget budget, IntConsumer onStep) {
        return run(config, budget, onStep, StepProfiler.none());
    }

    /**
     * Runs steps until {@code budget} is done, then {@code profiler}'s steps under the op profiler.
     *
     * @return wall-clock milliseconds of the timed steps
     */
    public static double[] run(SearchConfig config, StepBudget budget, IntConsumer onStep, StepProfiler profiler) {
        int total = budget.maxSteps() + profiler.steps();
        int batch = config.batchSize();
        var s = config.supernet();
        // epochs of at most 50 steps, so a long memory run does not need a huge synthetic set
        int perEpoch = Math.min(total, 50);
        int epochs = (total + perEpoch - 1) / perEpoch;
        ImageDataset data = SyntheticData.gratings("bench", 2 * batch * perEpoch, s.classes(), s.inputChannels(),
                s.imageSize(), s.imageSize(), new SplittableRandom(s.seed()));
        SearchConfig one = SearchConfig.builder().optSupernet(s).setEpochs(epochs).optBatchSize(batch)
                .optSecondOrder(config.secondOrder()).optEvalBatches(1).build();
        int[] steps = {0};
        double[] profiled = {0, 0};  // steps and wall milliseconds under the profiler
        SearchListener timer = new SearchListener() {
            @Override
            public void onStep(StepMetrics m) {
                if (budget.done()) {
                    // every step after the budget's runs under the profiler, which the budget's last step started
                    profiled[0]++;
                    profiled[1] += m.millis();
                    if (profiled[0] == profiler.steps()) {
                        profiler.end(profiled[1]);
                        Thread.currentThread().interrupt();
                    }
                    return;
                }
                budget.record(m.millis());
                steps[0]++;
                if (onStep != null) {
                    onStep.accept(steps[0]);
                }
                if (budget.done()) {
                    if (profiler.steps() > 0) {
                        profiler.begin();
                    } else {
                        Thread.currentThread().interrupt();  // stops the search before its next step
                    }
                }
            }
        };
        try (DartsSearch search = DartsSearch.builder(one).addListener(timer).optProgress(false).build()) {
            search.run(data);
        } catch (TrainingInterruptedException e) {
            // our own stop (the budget ended before the epoch did, as it does for slow steps); any other is real
            if (!budget.done() || profiled[0] < profiler.steps()) {
                throw e;
            }
        } finally {
            // our stop request may land on the very last step, after which the search has nothing left to stop
            Thread.interrupted();
        }
        if (!budget.done()) {
            throw new IllegalStateException("the benchmark stopped after " + steps[0] + " steps, before its budget"
                    + " was done");
        }
        return budget.timed();
    }
}
