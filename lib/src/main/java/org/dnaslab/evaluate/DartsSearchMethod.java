package org.dnaslab.evaluate;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.dnaslab.data.ImageDataset;
import org.dnaslab.progress.Progress;
import org.dnaslab.search.DartsSearch;
import org.dnaslab.search.EpochMetrics;
import org.dnaslab.search.LossTerm;
import org.dnaslab.search.SearchConfig;
import org.dnaslab.train.TrainingInterruptedException;
import org.dnaslab.search.SearchListener;
import org.dnaslab.search.SearchResult;
import org.dnaslab.search.StepMetrics;
import org.dnaslab.space.Architecture;
import org.dnaslab.space.OpNames;

/**
 * DARTS as a {@link SearchMethod}: for seed s, a {@link DartsSearch} of the template configuration with its seed
 * set to s ({@link SearchConfig#withSeed}), then an architecture selected from the searched supernet (by default by
 * α magnitude, DARTS' own rule). The result's accuracy is the supernet's validation accuracy after the last epoch
 * (batch statistics, on the search's validation split); give {@link MultiSeedRunner.Builder#optRetrain} a
 * {@link ScratchTrainer} to report the from-scratch accuracy instead, as a relative improvement should.
 *
 * <pre>{@code
 * SearchConfig template = SearchConfig.builder().setSpace("nb201").optChannels(8).optCells(1).setEpochs(10)
 *         .optTrainLimit(2000).build();
 * MultiSeedRunner.Result darts = MultiSeedRunner.builder().setStore(store).optRetrain(trainer, protocol).build()
 *         .run("darts", DartsSearchMethod.builder(template, data.train()).build(), MultiSeedRunner.seeds(2));
 * }</pre>
 *
 * Metrics: {@code supernetValAccuracy}, {@code supernetValLoss}, {@code searchEpochs}, {@code searchSeconds},
 * {@code paramFreeShare} (share of the selected architecture's kept edges, over all cell types, whose op has no
 * weights: none, skip, pooling, noise; see {@link OpNames#isParameterFree}) and {@code skipShare} (the same for
 * skip_connect alone), the numbers by which DARTS' collapse is usually reported.
 *
 * <p>An interrupted search throws {@link TrainingInterruptedException} (and leaves the thread's interrupt flag set),
 * so the runner stores nothing for that seed.
 */
public final class DartsSearchMethod implements SearchMethod {
    private final SearchConfig template;
    private final ImageDataset data;
    private final LossTerm lossTerm;
    private final Function<DartsSearch, Architecture> selector;
    private final Path runRoot;

    private DartsSearchMethod(Builder b) {
        this.template = b.template;
        this.data = b.data;
        this.lossTerm = b.lossTerm;
        this.selector = b.selector;
        this.runRoot = b.runRoot;
    }

    /**
     * @param template the search configuration; its seed is replaced by each run's
     * @param data     the images the search splits into weight- and architecture-step halves
     */
    public static Builder builder(SearchConfig template, ImageDataset data) {
        return new Builder(template, data);
    }

    public SearchConfig template() {
        return template;
    }

    @Override
    public MethodResult run(long seed, Progress progress) {
        SearchConfig config = template.withSeed(seed);
        DartsSearch.Builder b = DartsSearch.builder(config).optProgress(false).addListener(new Forward(progress, config));
        if (lossTerm != null) {
            b.optLossTerm(lossTerm);
        }
        if (runRoot != null) {
            b.optRunDirectory(runRoot.resolve("seed-" + seed));
        }
        try (DartsSearch search = b.build()) {
            SearchResult r = search.run(data); // an interrupt throws, the flag set: no result for this seed
            Architecture selected = Objects.requireNonNull(selector.apply(search), "the selector returned null");
            EpochMetrics last = r.last();
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("supernetValAccuracy", last.valAcc());
            metrics.put("supernetValLoss", last.valLoss());
            metrics.put("searchEpochs", (double) r.epochsDone());
            metrics.put("searchSeconds", r.seconds());
            metrics.put("paramFreeShare", selected.parameterFreeShare());
            metrics.put("skipShare", selected.skipShare());
            return new MethodResult(seed, selected, last.valAcc(), metrics);
        }
    }

    /** Passes the search's steps on to the runner's progress display. */
    private static final class Forward implements SearchListener {
        private final Progress progress;
        private final int epochs;
        private long steps;

        Forward(Progress progress, SearchConfig config) {
            this.progress = progress;
            this.epochs = config.epochs();
        }

        @Override
        public void onStep(StepMetrics m) {
            steps++;
            if (progress != null) {
                Map<String, Double> shown = new LinkedHashMap<>();
                shown.put("loss", m.trainLoss());
                shown.put("acc", m.trainAcc());
                progress.update(steps, "epoch " + (m.epoch() + 1) + "/" + epochs + " step " + (m.step() + 1) + "/"
                        + m.steps(), shown);
            }
        }
    }

    /** Required: the template and data (given to {@link #builder}). Optional: loss term, selector, run directory. */
    public static final class Builder {
        private final SearchConfig template;
        private final ImageDataset data;
        private LossTerm lossTerm;
        private Function<DartsSearch, Architecture> selector = DartsSearch::architecture;
        private Path runRoot;

        private Builder(SearchConfig template, ImageDataset data) {
            this.template = Objects.requireNonNull(template, "template");
            this.data = Objects.requireNonNull(data, "data");
        }

        /** A regularizer of the architecture loss (entropy, DA2S, ...). */
        public Builder optLossTerm(LossTerm term) {
            this.lossTerm = term;
            return this;
        }

        /** How the architecture is read off the searched supernet; default α magnitude ({@link DartsSearch#architecture}). */
        public Builder optSelector(Function<DartsSearch, Architecture> selector) {
            this.selector = Objects.requireNonNull(selector, "selector");
            return this;
        }

        /** Keeps each seed's run record and checkpoint under {@code root/seed-<s>}. */
        public Builder optRunDirectory(Path root) {
            this.runRoot = root;
            return this;
        }

        public DartsSearchMethod build() {
            return new DartsSearchMethod(this);
        }
    }
}
