package org.dnaslab.bench;

import org.dnaslab.data.ImageDataset;
import org.dnaslab.search.DartsSearch;
import org.dnaslab.search.SearchConfig;
import org.dnaslab.select.DecisionAgreement;
import org.dnaslab.select.PerturbationEvaluator;
import org.dnaslab.select.PerturbationSelector;
import org.dnaslab.select.Selection;
import org.dnaslab.select.SelectionContext;
import org.dnaslab.supernet.EdgeDecisions;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One PT op-selection pass over every edge of a trained NB201 supernet (each op masked in turn, the op whose removal
 * hurts most committed, no fine-tuning in between), on the same validation batches, by the naive masked loop and by
 * the fast path. The two paths alternate so that a change in machine load hits both alike; every pass starts from
 * the same undecided supernet, and every pass must take the same decisions from the same scores, up to float32
 * rounding ({@link DecisionAgreement}, one validation image's worth of accuracy).
 */
public final class PtPassBench {
    /**
     * Medians and decisions of the two paths.
     *
     * @param agreement how the paths' decisions compared: the first pass that disagreed, else the one whose scores
     *                  differed most
     */
    public record Result(Medians naive, Medians fast, Selection naiveSelection, Selection fastSelection,
                         DecisionAgreement agreement, int images, int trainSteps) {
        public double speedUp() {
            return naive.median() / fast.median();
        }
    }

    private PtPassBench() {
    }

    /**
     * @param config     the supernet and search settings (NB201 expected; any space works)
     * @param data       training data; the search uses its first {@code 2 · batch · trainSteps} images
     * @param trainSteps search steps before selecting (split evenly into one epoch)
     * @param valBatches validation batches per measurement
     */
    public static Result run(SearchConfig config, ImageDataset data, int trainSteps, int valBatches, int repeats) {
        int batch = config.batchSize();
        int limit = 2 * batch * Math.max(trainSteps, valBatches);
        if (data.size() < limit) {
            throw new IllegalArgumentException("the PT bench needs " + limit + " training images (2 x batch " + batch
                    + " x " + Math.max(trainSteps, valBatches) + " steps), the data set has " + data.size());
        }
        SearchConfig c = SearchConfig.builder().optSupernet(config.supernet()).setEpochs(1).optBatchSize(batch)
                .optTrainLimit(limit).optEvalBatches(1).build();
        try (DartsSearch search = DartsSearch.builder(c).optProgress(false).build()) {
            search.run(data);
            SelectionContext ctx = SelectionContext.of(search, data);
            EdgeDecisions decisions = search.supernet().arch().decisions();
            EdgeDecisions.Snapshot undecided = decisions.snapshot();
            Map<PerturbationEvaluator.Path, List<Double>> millis = new EnumMap<>(PerturbationEvaluator.Path.class);
            Map<PerturbationEvaluator.Path, Selection> last = new EnumMap<>(PerturbationEvaluator.Path.class);
            int images = valBatches * batch;
            DecisionAgreement agreement = null;
            // one untimed pass per path first (engine warm-up, first-touch memory)
            for (int r = -1; r < repeats; r++) {
                for (PerturbationEvaluator.Path path : PerturbationEvaluator.Path.values()) {
                    decisions.restore(undecided);
                    PerturbationSelector pt = PerturbationSelector.builder().optInterval(0).optEvalBatches(valBatches)
                            .optPath(path).optProgress(false).build();
                    long t0 = System.nanoTime();
                    last.put(path, pt.select(ctx));
                    if (r >= 0) {
                        millis.computeIfAbsent(path, p -> new ArrayList<>()).add((System.nanoTime() - t0) / 1e6);
                    }
                }
                Selection naive = last.get(PerturbationEvaluator.Path.NAIVE);
                Selection fast = last.get(PerturbationEvaluator.Path.FAST);
                agreement = worse(agreement, DecisionAgreement.of(naive, fast, 1.0 / images));
            }
            decisions.restore(undecided);
            PerturbationEvaluator.Path naive = PerturbationEvaluator.Path.NAIVE;
            PerturbationEvaluator.Path fast = PerturbationEvaluator.Path.FAST;
            return new Result(medians(millis.getOrDefault(naive, List.of())), medians(millis.getOrDefault(fast, List.of())),
                    last.get(naive), last.get(fast), agreement, images, trainSteps);
        }
    }

    private static Medians medians(List<Double> millis) {
        return Medians.of(millis.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static DecisionAgreement worse(DecisionAgreement so, DecisionAgreement now) {
        if (so == null || so.agree() && !now.agree()) {
            return now;
        }
        return so.agree() == now.agree() && now.largestDifference() > so.largestDifference() ? now : so;
    }
}
