package org.dnaslab.search;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import org.dnaslab.data.DataSplit;
import org.dnaslab.data.ImageDataset;
import org.dnaslab.data.SplitStrategies;
import org.dnaslab.data.SplitStrategy;
import org.dnaslab.ops.ForwardMode;
import org.dnaslab.progress.Progress;
import org.dnaslab.progress.ProgressReporters;
import org.dnaslab.space.Architecture;
import org.dnaslab.space.CellType;
import org.dnaslab.store.Json;
import org.dnaslab.store.ProjectVersion;
import org.dnaslab.supernet.ArchitectureParameters;
import org.dnaslab.supernet.MagnitudeDiscretization;
import org.dnaslab.supernet.Supernet;
import org.dnaslab.train.EpochSums;
import org.dnaslab.train.StepResult;
import org.dnaslab.train.TrainingInterruptedException;
import org.dnaslab.train.TrainingLoop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * DARTS's bilevel search, as a configuration of the {@link TrainingLoop}: each step is a {@link BilevelStep} (an
 * architecture step on a validation batch, Adam on α and β, then a {@link WeightStep} on a training batch: SGD with
 * momentum, cosine learning rate per epoch, gradient clipping). An epoch is one pass over the weight images of its split, the architecture batches drawn as
 * needed ({@link ArchitectureBatches}); after it, the supernet is measured on the split's held-out images
 * ({@link DataSplit#heldOut()}), which no weight step of the run sees, and the run directory (if any) is saved
 * ({@link SearchCheckpointer}).
 *
 * <p>The search owns its supernet. {@link #run} continues from wherever the search stands: a fresh search starts at
 * epoch 0, an interrupted one at the step it stopped at, a resumed one at its checkpoint. Interrupting the running
 * thread follows the library's contract ({@link org.dnaslab.train}): the search saves where it stands, its
 * {@link #status()} becomes {@link SearchStatus#INTERRUPTED}, and {@code run} throws
 * {@link TrainingInterruptedException} with the thread's interrupt flag set; calling {@code run} again continues.
 */
public final class DartsSearch implements AutoCloseable {
    private static final long PURPOSE_ORDER = 1;

    private final SearchConfig config;
    private final NDManager manager;
    private final Supernet supernet;
    private final BilevelStep bilevelStep;
    private final List<SearchListener> listeners;
    private final LossTerm lossTerm;
    private final Path runDirectory;
    private final boolean showProgress;
    private final TrainingLoop loop;
    private final SearchCheckpointer checkpointer;
    private final List<EpochMetrics> history = new ArrayList<>();
    private SearchStatus status = SearchStatus.NEW;
    /** Set when a step's loss was NaN or infinite: what happened, where; the state in memory is not saved. */
    private String diverged;
    /** Where the last checkpoint written or loaded stands ("the end of epoch 2"), for messages. */
    private String lastSaved;
    /** The training data of this run, "name (N images)"; null until the first run() of a new search. */
    private String searchedOn;
    /** The training data of the last run() (after the train limit); null before. */
    private ImageDataset data;

    private DartsSearch(Builder b) {
        this.config = b.config;
        this.listeners = List.copyOf(b.listeners);
        this.lossTerm = b.lossTerm;
        this.runDirectory = b.runDirectory;
        this.showProgress = b.progress;
        this.manager = NDManager.newBaseManager();
        // Seeds the engine's own generator too: only ops like S4's noise draw from it.
        Engine.getInstance().setRandomSeed((int) config.supernet().seed());
        this.supernet = Supernet.create(manager, config.supernet());
        ArchitectureParameters arch = supernet.arch();
        if (config.fixedAlpha()) {
            arch.fixUniform();
        }
        this.bilevelStep = new BilevelStep(config, supernet, lossTerm);
        this.loop = new TrainingLoop("search", config.epochs(), List.of(new StepsToListeners()));
        this.checkpointer = runDirectory == null ? null
                : new SearchCheckpointer(runDirectory, supernet, loop, bilevelStep.optimizers());
    }

    /** A new search of {@code config}: add listeners, a loss term, a run directory, then {@link Builder#build()}. */
    public static Builder builder(SearchConfig config) {
        return new Builder(config);
    }

    /**
     * Reopens the search saved in {@code runDirectory} (its run.json and checkpoint.bin) at the point it was saved.
     * Listeners and the loss term are not saved: pass them again through {@code builder}.
     */
    public static DartsSearch resume(Path runDirectory, Consumer<Builder> customize) {
        Path json = runDirectory.resolve(SearchCheckpointer.RECORD);
        RunRecord record = Json.read(json, RunRecord.class);
        if (record == null || record.config() == null || record.epochs() == null) {
            throw new IllegalArgumentException("cannot resume from " + json + ": it has no "
                    + (record == null ? "content" : record.config() == null ? "\"config\"" : "\"epochs\""));
        }
        Builder b = builder(record.config()).optRunDirectory(runDirectory);
        if (customize != null) {
            customize.accept(b);
        }
        DartsSearch s;
        try {
            s = b.build();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot resume from " + json + ": its config does not build a search: "
                    + e.getMessage(), e);
        }
        try {
            s.restore(record);
        } catch (RuntimeException | Error e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** {@link #resume(Path, Consumer)} with no listeners or loss term. */
    public static DartsSearch resume(Path runDirectory) {
        return resume(runDirectory, null);
    }

    /**
     * The search of {@code config} kept in {@code runDirectory}: resumed from its checkpoint when the directory holds
     * one (a notebook re-run after a kernel restart continues there), else a new search that saves there. A
     * directory that holds a search of another configuration is refused rather than overwritten.
     *
     * @throws IllegalArgumentException naming the directory when its saved configuration differs from {@code config}
     */
    public static DartsSearch resumeOrStart(SearchConfig config, Path runDirectory, Consumer<Builder> customize) {
        Path runJson = runDirectory.resolve(SearchCheckpointer.RECORD);
        if (Files.exists(runDirectory.resolve(SearchCheckpointer.CHECKPOINT)) && Files.exists(runJson)) {
            SearchConfig saved = Json.read(runJson, RunRecord.class).config();
            if (!saved.equals(config)) {
                throw new IllegalArgumentException(runDirectory + " holds a search of another configuration; "
                        + "delete it or choose another run directory (saved: " + saved + ", asked: " + config + ")");
            }
            return resume(runDirectory, customize);
        }
        Builder b = builder(config).optRunDirectory(runDirectory);
        if (customize != null) {
            customize.accept(b);
        }
        return b.build();
    }

    /** What this search runs. */
    public SearchConfig config() {
        return config;
    }

    /** The supernet this search owns and trains (closed with the search). */
    public Supernet supernet() {
        return supernet;
    }

    /** The metrics of every completed epoch. */
    public List<EpochMetrics> history() {
        return List.copyOf(history);
    }

    /** Completed epochs. */
    public int epochsDone() {
        return loop.epoch();
    }

    /** Where the search stands (see {@link SearchStatus}). */
    public SearchStatus status() {
        return status;
    }

    /** The magnitude-selected architecture of the supernet as it is now. */
    public Architecture architecture() {
        return MagnitudeDiscretization.of(supernet.arch());
    }

    /**
     * The data and split this search trained on: its training data after the train limit, and the split of the last
     * epoch it completed (what a selector measures and tunes on).
     *
     * @throws IllegalStateException when {@link #run} was not called on this object (a resumed search that has not
     *                               run again does not hold its data: use {@link #searchData(ImageDataset)})
     */
    public SearchData searchData() {
        if (data == null) {
            throw new IllegalStateException("this search has not run in this session, so it does not hold its data;"
                    + " pass them: searchData(trainingData)");
        }
        return SearchData.of(config, data, loop.epoch());
    }

    /**
     * As {@link #searchData()}, for a search that may not have run here (resumed, or never run): the train limit is
     * applied to {@code trainingData}, which must be the data the search ran on, if it ran.
     *
     * @throws IllegalArgumentException when the search ran on other data
     */
    public SearchData searchData(ImageDataset trainingData) {
        ImageDataset limited = SearchData.limited(config, trainingData);
        String given = SearchData.describe(limited);
        if (searchedOn != null && !searchedOn.equals(given)) {
            throw new IllegalArgumentException("this search ran on " + searchedOn + ", not on " + given);
        }
        return SearchData.of(config, data != null ? data : limited, loop.epoch());
    }

    /**
     * Runs (or continues) the search to its last epoch.
     *
     * @return the finished search's result (status {@link SearchStatus#FINISHED})
     * @throws TrainingInterruptedException when the thread is interrupted (see the class comment)
     */
    public SearchResult run(ImageDataset trainingData) {
        return runUntil(trainingData, config.epochs());
    }

    /**
     * Runs (or continues) the search until {@code epochs} epochs are done, then returns with status
     * {@link SearchStatus#PAUSED} ({@link SearchStatus#FINISHED} at the last epoch); {@link #run} continues it. The
     * single-stage protocol stops its search at the freeze epoch this way.
     */
    public SearchResult runUntil(ImageDataset trainingData, int epochs) {
        if (diverged != null) {
            throw new IllegalStateException("this search stopped on " + diverged + "; resume it from its run"
                    + " directory (the last good checkpoint) or start a new one");
        }
        ImageDataset limited = SearchData.limited(config, trainingData);
        SearchData.checkFits(config, limited);
        String given = SearchData.describe(limited);
        if (searchedOn != null && !searchedOn.equals(given)) {
            throw new IllegalArgumentException("this search ran on " + searchedOn + ", not on " + given
                    + (runDirectory == null ? "" : " (" + runDirectory.resolve(SearchCheckpointer.RECORD) + ")")
                    + ": continue it on the same data (./lab search --resume DIR --data DIR)");
        }
        searchedOn = given;
        data = limited;
        SplitStrategy splitter = SplitStrategies.byName(config.split());
        long total = (long) config.epochs() * stepsPerEpoch(splitter.split(limited.size(), 0, config.supernet().seed()));
        status = SearchStatus.RUNNING;
        try (Progress progress = showProgress ? Progress.start("search " + supernet.space().name(), total)
                : ProgressReporters.silent().start("", total)) {
            loop.runUntil(epochs, new Epochs(limited, splitter, progress), progress);
            status = loop.epoch() == config.epochs() ? SearchStatus.FINISHED : SearchStatus.PAUSED;
            save();
            progress.finish(status == SearchStatus.FINISHED ? "finished " + config.epochs() + " epochs"
                    : "paused after " + loop.epoch() + " epochs; run() continues");
            return new SearchResult(status, loop.epoch(), architecture(), history(), runDirectory, loop.seconds());
        } catch (TrainingInterruptedException e) {
            throw e; // the status and the checkpoint were set when the loop stopped
        } catch (ThreadDeath e) {
            // A hard stop (the kernel's last resort when a step outlasts its grace period): the state is kept, but
            // the step in flight may be half applied, so no checkpoint is written for it.
            status = SearchStatus.INTERRUPTED;
            throw e;
        } catch (RuntimeException | Error e) {
            status = SearchStatus.FAILED;
            throw e;
        }
    }

    /** The search's epochs as the loop runs them: split, orders and learning rate per epoch, the bilevel step. */
    private final class Epochs implements TrainingLoop.Body {
        private final ImageDataset data;
        private final SplitStrategy splitter;
        private final Progress progress;
        private DataSplit split;
        private int[] trainOrder;
        private ArchitectureBatches val;
        private float lr;

        Epochs(ImageDataset data, SplitStrategy splitter, Progress progress) {
            this.data = data;
            this.splitter = splitter;
            this.progress = progress;
        }

        @Override
        public int startEpoch(int epoch) {
            long seed = config.supernet().seed();
            split = splitter.split(data.size(), epoch, seed);
            int steps = stepsPerEpoch(split);
            var rng = Seeds.stream(seed, PURPOSE_ORDER, epoch);
            trainOrder = Seeds.shuffled(split.train(), rng);
            val = new ArchitectureBatches(split.val(), Seeds.shuffled(split.val(), rng), config.batchSize(), seed, epoch);
            lr = (float) config.weightSchedule().learningRate(config.weightLr(), epoch, config.epochs());
            return steps;
        }

        @Override
        public StepResult step(int epoch, int step, int steps) {
            return bilevelStep.run(data, trainOrder, val, epoch, step, lr);
        }

        @Override
        public void endEpoch(int epoch, EpochSums sums) {
            // held-out images: with a re-drawn split, most of this epoch's architecture half has been trained on
            SupernetEvaluator.Result eval = new SupernetEvaluator(data, split.heldOut(), config.batchSize(),
                    config.evalBatches()).evaluate(supernet, ForwardMode.BATCH_STATS, false);
            ArchitectureParameters arch = supernet.arch();
            Map<String, double[][]> softmax = new LinkedHashMap<>();
            Map<String, double[]> entropy = new LinkedHashMap<>();
            for (CellType t : arch.space().cellTypes()) {
                softmax.put(t.key(), arch.softmaxSnapshot(t));
                entropy.put(t.key(), arch.entropy(t));
            }
            EpochMetrics em = new EpochMetrics(epoch, sums.meanLoss(), sums.meanAccuracy(), eval.loss(), eval.accuracy(),
                    lr, sums.seconds(), softmax, entropy, architecture());
            history.add(em);
            save();
            for (SearchListener l : listeners) {
                l.onEpoch(em);
            }
        }

        @Override
        public String interrupted() {
            status = SearchStatus.INTERRUPTED;
            save();
            progress.finish("interrupted at " + loop.position() + "; run() continues from here");
            return "run() continues from here" + (runDirectory == null ? ""
                    : " (" + checkpointer.checkpointFile() + " holds " + lastSaved + ")");
        }

        @Override
        public String diverged(String where) {
            diverged = where + " (weight learning rate " + lr + ", architecture learning rate " + config.alphaLr() + ")";
            String kept = runDirectory == null ? "" : ", " + checkpointer.checkpointFile() + " keeps "
                    + (lastSaved == null ? "nothing (no checkpoint was written yet)" : lastSaved);
            return " with architecture learning rate " + config.alphaLr() + "; this state is not saved" + kept
                    + ". Lower the learning rates or check the data, then resume or start again.";
        }
    }

    /** Hands the loop's steps to the search's listeners as {@link StepMetrics}. */
    private final class StepsToListeners implements TrainingLoop.Listener {
        @Override
        public void onStep(int epoch, int step, int steps, StepResult r, EpochSums soFar) {
            StepMetrics m = new StepMetrics(epoch, step, steps, r.loss(), r.accuracy(), r.valLoss(), r.valAcc(), r.lr(),
                    r.millis());
            for (SearchListener l : listeners) {
                l.onStep(m);
            }
        }
    }

    /**
     * One epoch is one pass over the weight images, as in DARTS; the architecture steps draw their batches from the
     * architecture images as needed (see {@link ArchitectureBatches}).
     */
    private int stepsPerEpoch(DataSplit split) {
        int steps = split.train().length / config.batchSize();
        if (steps < 1 || split.val().length < config.batchSize()) {
            throw new IllegalArgumentException("the data gives no full batch of " + config.batchSize() + " per split ("
                    + split.train().length + " weight-step and " + split.val().length + " architecture-step images)");
        }
        return steps;
    }

    /** Writes checkpoint.bin and run.json (each atomically) when the search has a run directory. */
    public void save() {
        if (diverged != null) {
            throw new IllegalStateException("not saving a search whose state was spoiled by " + diverged);
        }
        if (checkpointer == null) {
            return;
        }
        checkpointer.save(record());
        lastSaved = loop.position();
    }

    /** The run record as it stands. */
    public RunRecord record() {
        return new RunRecord("dnaslab", ProjectVersion.get(), "darts-search", status, config,
                lossTerm == null ? null : lossTerm.describe(), loop.epoch(), loop.step(), history(),
                architecture().toText(), loop.seconds(), searchedOn);
    }

    private void restore(RunRecord record) {
        checkpointer.restore(record, config.epochs());
        lastSaved = loop.position();
        history.clear();
        history.addAll(record.epochs().subList(0, Math.min(loop.epoch(), record.epochs().size())));
        status = record.status();
        searchedOn = record.data();
    }

    @Override
    public void close() {
        try {
            bilevelStep.close();
        } finally {
            manager.close();
        }
    }

    /** Configures a {@link DartsSearch}. */
    public static final class Builder {
        private final SearchConfig config;
        private final List<SearchListener> listeners = new ArrayList<>();
        private LossTerm lossTerm;
        private Path runDirectory;
        private boolean progress = true;

        private Builder(SearchConfig config) {
            this.config = config;
        }

        /** Receives every step's and every epoch's metrics. */
        public Builder addListener(SearchListener listener) {
            listeners.add(listener);
            return this;
        }

        /** An extra term of the architecture loss (entropy, DA2S, …). */
        public Builder optLossTerm(LossTerm term) {
            this.lossTerm = term;
            return this;
        }

        /** Where checkpoint.bin and run.json are written after every epoch (and on interruption). */
        public Builder optRunDirectory(Path dir) {
            this.runDirectory = dir;
            return this;
        }

        /** Whether to show a progress display (a notebook bar, or a log line on the terminal). Default on. */
        public Builder optProgress(boolean on) {
            this.progress = on;
            return this;
        }

        /** The search, its supernet initialised from the config's seed. */
        public DartsSearch build() {
            return new DartsSearch(this);
        }
    }
}
