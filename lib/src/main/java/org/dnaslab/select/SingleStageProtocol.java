package org.dnaslab.select;

import ai.djl.ndarray.NDManager;
import org.dnaslab.data.ImageDataset;
import org.dnaslab.ops.ForwardMode;
import org.dnaslab.search.DartsSearch;
import org.dnaslab.search.EpochMetrics;
import org.dnaslab.search.LossTerm;
import org.dnaslab.search.SearchConfig;
import org.dnaslab.search.SearchListener;
import org.dnaslab.search.SearchResult;
import org.dnaslab.search.SupernetEvaluator;
import org.dnaslab.supernet.Supernet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The single-stage protocol (DESIGN.md §7): search for {@code freezeEpoch} epochs of a {@code E}-epoch run, fix the
 * architecture with a selector, drop the unused ops (every edge committed) and keep training the same weights on
 * all training images to epoch E, the learning rate continuing the search's cosine schedule. The network at the end
 * is the result; nothing is retrained.
 *
 * <p>The two-stage pipeline at equal total epochs runs alongside: the same search to {@code freezeEpoch} (it is the
 * same run), the same selected architecture, then a network with freshly initialised weights (the search's initial
 * weights) trained for the remaining E − freezeEpoch epochs with a fresh cosine schedule. Accuracies are measured
 * on held-out images in batch-statistics mode, like every discretization measurement here.
 *
 * <p>Interrupting the thread stops whichever phase runs with
 * {@link org.dnaslab.train.TrainingInterruptedException} (the library's contract, {@link org.dnaslab.train}).
 *
 * <p>With a run directory ({@link Builder#optRunDirectory}) a rerun continues instead of starting over: the search
 * phase is saved in {@code search/} after every epoch (and on an interrupt) and resumes there; the finished run's
 * {@link Result} is kept in {@code result.json} with the settings that identify it, and a rerun with the same
 * settings returns it without training. The phases after the freeze (selection, fine-tuning, the two-stage twin) are
 * short and not resumable mid-way: interrupted there, a rerun picks up the search at the freeze and runs them again.
 * They train the supernet in memory only, so the saved search stays the one at the freeze.
 */
public final class SingleStageProtocol {
    private final SearchConfig config;
    private final int freezeEpoch;
    private final ArchitectureSelector selector;
    private final LossTerm lossTerm;
    private final boolean twoStage;
    private final int evalBatches;
    private final boolean progress;
    private final Path runDirectory;
    private final List<SearchListener> listeners;

    private SingleStageProtocol(Builder b) {
        this.config = b.config;
        this.freezeEpoch = b.freezeEpoch;
        this.selector = b.selector;
        this.lossTerm = b.lossTerm;
        this.twoStage = b.twoStage;
        this.evalBatches = b.evalBatches;
        this.progress = b.progress;
        this.runDirectory = b.runDirectory;
        this.listeners = List.copyOf(b.listeners);
    }

    /** @param config the whole run: its epochs are the total E; its split decides the search phase's split */
    public static Builder builder(SearchConfig config) {
        return new Builder(config);
    }

    /**
     * Runs the protocol, or with a run directory continues it, or returns its stored result (see the class comment).
     *
     * @param trainingData what the search and the training after the freeze use
     * @param heldOut      images none of the phases trains on (e.g. the test set), for every accuracy reported
     * @throws IllegalArgumentException when the run directory holds a run with other settings (naming the file and
     *                                  the setting), or a search that went past the freeze epoch
     */
    public Result run(ImageDataset trainingData, ImageDataset heldOut) {
        if (runDirectory == null) {
            return compute(trainingData, heldOut);
        }
        ProtocolRunFile.Settings settings = new ProtocolRunFile.Settings(config,
                lossTerm == null ? null : lossTerm.describe(), freezeEpoch, selector.describe(), twoStage, evalBatches,
                trainingData.toString(), heldOut.toString());
        Result stored = ProtocolRunFile.find(runDirectory, settings);
        if (stored != null) {
            return stored;
        }
        Result r = compute(trainingData, heldOut);
        ProtocolRunFile.write(runDirectory, settings, r);
        return r;
    }

    /** The search phase's search: new, or continued from the run directory's {@code search/}. */
    private DartsSearch openSearch() {
        Consumer<DartsSearch.Builder> customize = b -> {
            b.optLossTerm(lossTerm).optProgress(progress);
            listeners.forEach(b::addListener);
        };
        if (runDirectory == null) {
            DartsSearch.Builder b = DartsSearch.builder(config);
            customize.accept(b);
            return b.build();
        }
        Path dir = runDirectory.resolve("search");
        ProtocolRunFile.checkSearchLossTerm(dir, lossTerm == null ? null : lossTerm.describe());
        DartsSearch s = DartsSearch.resumeOrStart(config, dir, customize);
        if (s.epochsDone() > freezeEpoch) {
            s.close();
            throw new IllegalArgumentException(dir + " holds a search past the freeze epoch (" + s.epochsDone()
                    + " epochs done, freeze at " + freezeEpoch + "); delete it or choose another run directory");
        }
        return s;
    }

    private Result compute(ImageDataset trainingData, ImageDataset heldOut) {
        SupernetEvaluator eval = new SupernetEvaluator(heldOut, allIndices(heldOut.size()), config.batchSize(),
                evalBatches);
        try (DartsSearch search = openSearch()) {
            // a search resumed at the freeze (PAUSED there) runs no epoch here: it only takes the data again
            SearchResult r = search.runUntil(trainingData, freezeEpoch);
            List<EpochMetrics> history = search.history();
            double searchSeconds = r.seconds();
            Supernet net = search.supernet();
            double supernetAcc = eval.evaluate(net, ForwardMode.BATCH_STATS).accuracy();
            SelectionContext ctx = SelectionContext.of(search);
            Selection selection = selector.select(ctx);
            net.arch().decisions().commit(selection.architecture());
            double discretizedAcc = eval.evaluate(net, ForwardMode.BATCH_STATS).accuracy();

            int rest = config.epochs() - freezeEpoch;
            int[] all = allIndices(ctx.data().size());
            long t0 = System.nanoTime();
            FineTuner.from(config).optCosine(config.weightLr(), config.weightLrMin(), config.epochs(), freezeEpoch)
                    .setEpochs(rest).optProgress(progress).build().tune(net, ctx.data(), all, null);
            double trainSeconds = (System.nanoTime() - t0) / 1e9;
            double finalAcc = eval.evaluate(net, ForwardMode.BATCH_STATS).accuracy();

            double twoStageAcc = Double.NaN;
            double twoStageSeconds = Double.NaN;
            if (twoStage) {
                long t1 = System.nanoTime();
                try (NDManager m = NDManager.newBaseManager(); Supernet fresh = Supernet.create(m, config.supernet())) {
                    fresh.arch().decisions().commit(selection.architecture());
                    FineTuner.from(config).optCosine(config.weightLr(), config.weightLrMin(), rest, 0).setEpochs(rest)
                            .optProgress(progress).build().tune(fresh, ctx.data(), all, null);
                    twoStageAcc = eval.evaluate(fresh, ForwardMode.BATCH_STATS).accuracy();
                }
                twoStageSeconds = (System.nanoTime() - t1) / 1e9;
            }
            return new Result(selection, config.split(), freezeEpoch, config.epochs(), supernetAcc, discretizedAcc,
                    finalAcc, twoStageAcc, eval.batches() * (long) config.batchSize(), searchSeconds, trainSeconds,
                    twoStageSeconds, history);
        }
    }

    private static int[] allIndices(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /**
     * What the protocol produced.
     *
     * @param selection          the architecture fixed at the freeze and how it was chosen
     * @param split              the search phase's split strategy
     * @param supernetAccuracy   the supernet's held-out accuracy at the freeze
     * @param discretizedAccuracy held-out accuracy right after the freeze (inherited weights, unused ops dropped)
     * @param finalAccuracy      held-out accuracy at the end of the single-stage run
     * @param twoStageAccuracy   held-out accuracy of the same architecture trained from fresh weights for the same
     *                           remaining epochs (NaN when not run)
     * @param images             held-out images each accuracy is over
     */
    public record Result(Selection selection, String split, int freezeEpoch, int totalEpochs, double supernetAccuracy,
                         double discretizedAccuracy, double finalAccuracy, double twoStageAccuracy, long images,
                         double searchSeconds, double trainSeconds, double twoStageSeconds,
                         List<EpochMetrics> searchHistory) {
        public Result {
            Objects.requireNonNull(selection, "selection");
            searchHistory = List.copyOf(searchHistory);
        }

        /** Share of skip connections among the kept edges of the frozen architecture. */
        public double skipShare() {
            return selection.architecture().skipShare();
        }
    }

    /** Configures a {@link SingleStageProtocol}. */
    public static final class Builder {
        private final SearchConfig config;
        private int freezeEpoch = -1;
        private ArchitectureSelector selector = new MagnitudeSelector();
        private LossTerm lossTerm;
        private boolean twoStage = true;
        private int evalBatches;
        private boolean progress = true;
        private Path runDirectory;
        private final List<SearchListener> listeners = new ArrayList<>();

        private Builder(SearchConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** Epochs of search before the architecture is fixed (1..E). */
        public Builder setFreezeEpoch(int epoch) {
            this.freezeEpoch = epoch;
            return this;
        }

        /** How the architecture is fixed; default magnitude. */
        public Builder optSelector(ArchitectureSelector selector) {
            this.selector = Objects.requireNonNull(selector, "selector");
            return this;
        }

        /** An extra term of the search phase's architecture loss (entropy, DA2S, …); default none (null). */
        public Builder optLossTerm(LossTerm term) {
            this.lossTerm = term;
            return this;
        }

        /** Whether to also run the two-stage comparison (default true). */
        public Builder optTwoStage(boolean on) {
            this.twoStage = on;
            return this;
        }

        /** Held-out batches per measurement (0 = all). */
        public Builder optEvalBatches(int n) {
            this.evalBatches = n;
            return this;
        }

        /**
         * Where the run is kept so that a rerun continues it (see the class comment); default none. The directory
         * holds {@code search/} (the search phase's run directory) and, once finished, {@code result.json}.
         */
        public Builder optRunDirectory(Path dir) {
            this.runDirectory = dir;
            return this;
        }

        /** Receives the search phase's step and epoch metrics (not saved, not part of what identifies the run). */
        public Builder addListener(SearchListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Whether the search and the training phases show progress displays. Default true. */
        public Builder optProgress(boolean on) {
            this.progress = on;
            return this;
        }

        /** The protocol; checks that the freeze epoch was set and lies in 1..E (the config's epochs). */
        public SingleStageProtocol build() {
            if (freezeEpoch < 1 || freezeEpoch > config.epochs()) {
                throw new IllegalArgumentException("single stage: freezeEpoch must be in 1.." + config.epochs()
                        + " (the run's epochs), got " + freezeEpoch);
            }
            return new SingleStageProtocol(this);
        }
    }
}
