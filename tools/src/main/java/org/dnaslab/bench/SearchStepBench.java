package org.dnaslab.bench;

import org.dnaslab.data.ImageDataset;
import org.dnaslab.data.SyntheticData;
import org.dnaslab.search.DartsSearch;
import org.dnaslab.search.SearchConfig;
import org.dnaslab.search.SearchListener;
import org.dnaslab.search.StepMetrics;

import java.util.ArrayList;
import java.util.List;
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
        int total = warmup + repeats;
        int batch = config.batchSize();
        var s = config.supernet();
        // epochs of at most 50 steps, so a long memory run does not need a huge synthetic set
        int perEpoch = Math.min(total, 50);
        int epochs = (total + perEpoch - 1) / perEpoch;
        ImageDataset data = SyntheticData.gratings("bench", 2 * batch * perEpoch, s.classes(), s.inputChannels(),
                s.imageSize(), s.imageSize(), new SplittableRandom(s.seed()));
        SearchConfig one = SearchConfig.builder().optSupernet(s).setEpochs(epochs).optBatchSize(batch)
                .optSecondOrder(config.secondOrder()).optEvalBatches(1).build();
        List<Double> times = new ArrayList<>();
        SearchListener timer = new SearchListener() {
            @Override
            public void onStep(StepMetrics m) {
                if (times.size() < total) {
                    times.add(m.millis());
                    if (onStep != null) {
                        onStep.accept(times.size());
                    }
                }
                if (times.size() == total) {
                    Thread.currentThread().interrupt();  // stops the search before its next step
                }
            }
        };
        try (DartsSearch search = DartsSearch.builder(one).addListener(timer).optProgress(false).build()) {
            search.run(data);
        } finally {
            // our stop request may land on the very last step, after which the search has nothing left to stop
            Thread.interrupted();
        }
        if (times.size() < total) {
            throw new IllegalStateException("the benchmark ran " + times.size() + " of " + total + " steps");
        }
        return times.subList(warmup, total).stream().mapToDouble(Double::doubleValue).toArray();
    }
}
