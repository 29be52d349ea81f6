package org.dnaslab.search;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import org.dnaslab.data.DataSplit;
import org.dnaslab.data.ImageDataset;
import org.dnaslab.data.SplitStrategies;
import org.dnaslab.data.SplitStrategy;
import org.dnaslab.ops.ForwardMode;
import org.dnaslab.progress.Progress;
import org.dnaslab.supernet.MagnitudeDiscretization;
import org.dnaslab.space.Architecture;
import org.dnaslab.space.CellType;
import org.dnaslab.store.Json;
import org.dnaslab.store.ProjectVersion;
import org.dnaslab.supernet.ArchitectureParameters;
import org.dnaslab.supernet.Supernet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DARTS's bilevel search: each step takes an architecture step on a validation batch (Adam on α, and β when
 * present) and then a weight step on a training batch (SGD with momentum, cosine learning rate, gradient
 * clipping). First order by default; second order (unrolled) as an option. An epoch is one pass over the weight
 * images of its split, the architecture batches drawn as needed; after it, the supernet is measured on the split's
 * held-out images ({@link DataSplit#heldOut()}), which no weight step of the run sees.
 *
 * <p>The search owns its supernet. {@link #run} continues from wherever the search stands: a fresh search
 * starts at epoch 0, an interrupted one picks up at the step it stopped at, a resumed one at its checkpoint.
 * Interrupting the running thread stops it cleanly before the next step.
 */
public final class DartsSearch implements AutoCloseable {
    private static final long PURPOSE_ORDER = 1;
    /** Orders of the architecture images after the first pass through them within an epoch. */
    private static final long PURPOSE_VAL_REPEAT = 2;

    private final SearchConfig config;
    private final NDManager manager;
    private final Supernet supernet;
    private final SgdMomentum weightOptimizer;
    private final Adam alphaOptimizer;
    private final Adam betaOptimizer;
    private final List<SearchListener> listeners;
    private final LossTerm lossTerm;
    private final Path runDirectory;
    private final boolean showProgress;
    private final List<EpochMetrics> history = new ArrayList<>();
    private final EpochSums sums = new EpochSums();
    private int epoch;
    private int step;
    private double seconds;
    private SearchStatus status = SearchStatus.NEW;
    /** Set when a step's loss was NaN or infinite: what happened, where; the state in memory is not saved. */
    private String diverged;
    /** Where the last checkpoint written or loaded stands ("the end of epoch 2"), for messages. */
    private String lastSaved;
    /** The training data of this run, "name (N images)"; null until the first run() of a new search. */
    private String searchedOn;

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
        this.weightOptimizer = new SgdMomentum(supernet.weights(), (float) config.momentum(), (float) config.weightDecay());
        List<NDArray> alphas = new ArrayList<>();
        List<NDArray> betas = new ArrayList<>();
        for (CellType t : arch.space().cellTypes()) {
            alphas.add(arch.alpha(t));
            if (arch.hasBeta()) {
                betas.add(arch.beta(t));
            }
        }
        float b1 = (float) config.alphaBeta1();
        float b2 = (float) config.alphaBeta2();
        this.alphaOptimizer = new Adam(alphas, b1, b2, (float) config.alphaWeightDecay());
        this.betaOptimizer = betas.isEmpty() ? null : new Adam(betas, b1, b2, (float) config.alphaWeightDecay());
    }

    public static Builder builder(SearchConfig config) {
        return new Builder(config);
    }

    /**
     * Reopens the search saved in {@code runDirectory} (its run.json and checkpoint.bin) at the point it was saved.
     * Listeners and the loss term are not saved: pass them again through {@code builder}.
     */
    public static DartsSearch resume(Path runDirectory, java.util.function.Consumer<Builder> customize) {
        Path json = runDirectory.resolve("run.json");
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
            s.loadCheckpoint(runDirectory.resolve("checkpoint.bin"), record);
        } catch (RuntimeException | Error e) {
            s.close();
            throw e;
        }
        return s;
    }

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
    public static DartsSearch resumeOrStart(SearchConfig config, Path runDirectory,
                                            java.util.function.Consumer<Builder> customize) {
        Path runJson = runDirectory.resolve("run.json");
        if (Files.exists(runDirectory.resolve("checkpoint.bin")) && Files.exists(runJson)) {
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

    public SearchConfig config() {
        return config;
    }

    public Supernet supernet() {
        return supernet;
    }

    public List<EpochMetrics> history() {
        return List.copyOf(history);
    }

    public int epochsDone() {
        return epoch;
    }

    public SearchStatus status() {
        return status;
    }

    /** The magnitude-selected architecture of the supernet as it is now. */
    public Architecture architecture() {
        return MagnitudeDiscretization.of(supernet.arch());
    }

    /** Runs (or continues) the search to its last epoch, or until the thread is interrupted. */
    public SearchResult run(ImageDataset trainingData) {
        if (diverged != null) {
            throw new IllegalStateException("this search stopped on " + diverged + "; resume it from its run"
                    + " directory (the last good checkpoint) or start a new one");
        }
        ImageDataset data = config.trainLimit() > 0 ? trainingData.limit(config.trainLimit()) : trainingData;
        checkData(data);
        String given = data.name() + " (" + data.size() + " images)";
        if (searchedOn != null && !searchedOn.equals(given)) {
            throw new IllegalArgumentException("this search ran on " + searchedOn + ", not on " + given
                    + (runDirectory == null ? "" : " (" + runDirectory.resolve("run.json") + ")")
                    + ": continue it on the same data (./lab search --resume DIR --data DIR)");
        }
        searchedOn = given;
        SplitStrategy splitter = SplitStrategies.byName(config.split());
        int batch = config.batchSize();
        long total = (long) config.epochs() * stepsPerEpoch(splitter.split(data.size(), 0, config.supernet().seed()));
        status = SearchStatus.RUNNING;
        try (Progress progress = showProgress ? Progress.start("search " + supernet.space().name(), total)
                : org.dnaslab.progress.ProgressReporters.silent().start("", total)) {
            while (epoch < config.epochs()) {
                DataSplit split = splitter.split(data.size(), epoch, config.supernet().seed());
                int steps = stepsPerEpoch(split);
                var rng = Seeds.stream(config.supernet().seed(), PURPOSE_ORDER, epoch);
                int[] trainOrder = Seeds.shuffled(split.train(), rng);
                ValBatches val = new ValBatches(split.val(), Seeds.shuffled(split.val(), rng), epoch);
                float lr = (float) new CosineSchedule(config.weightLr(), config.weightLrMin(), config.epochs()).at(epoch);
                while (step < steps) {
                    if (Thread.interrupted()) {
                        return stop(SearchStatus.INTERRUPTED, progress, "interrupted at epoch " + (epoch + 1) + " step "
                                + (step + 1) + "; run() continues from here");
                    }
                    long t0 = System.nanoTime();
                    StepMetrics m = step(data, trainOrder, step * batch, val.order(step), val.from(step), steps, lr);
                    checkFinite(m);
                    double ms = (System.nanoTime() - t0) / 1e6;
                    seconds += ms / 1000;
                    m = new StepMetrics(m.epoch(), m.step(), m.steps(), m.trainLoss(), m.trainAcc(), m.valLoss(),
                            m.valAcc(), m.lr(), ms);
                    sums.add(m);
                    step++;
                    for (SearchListener l : listeners) {
                        l.onStep(m);
                    }
                    long done = (long) epoch * steps + step;
                    progress.update(done, "epoch " + (epoch + 1) + "/" + config.epochs(), metrics(m));
                }
                EpochMetrics em = endEpoch(data, split, lr);
                for (SearchListener l : listeners) {
                    l.onEpoch(em);
                }
            }
            return stop(SearchStatus.FINISHED, progress, "finished " + config.epochs() + " epochs");
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

    /**
     * A NaN or infinite loss means this step's update has already spoiled weights or α: the search stops here and
     * refuses to save, so the last checkpoint (the last epoch boundary or interruption) stays the last good state.
     */
    private void checkFinite(StepMetrics m) {
        String which = !Double.isFinite(m.trainLoss()) ? "training loss " + m.trainLoss()
                : !Double.isNaN(m.valLoss()) && !Double.isFinite(m.valLoss()) ? "validation loss " + m.valLoss() : null;
        if (which == null) {
            return;
        }
        diverged = "the " + which + " at epoch " + (epoch + 1) + ", batch " + (step + 1) + " of " + m.steps()
                + " (weight learning rate " + m.lr() + ", architecture learning rate " + config.alphaLr() + ")";
        String kept = runDirectory == null ? "" : ", " + runDirectory.resolve("checkpoint.bin") + " keeps "
                + (lastSaved == null ? "nothing (no checkpoint was written yet)" : lastSaved);
        throw new NonFiniteLossException("search stopped: " + diverged + "; this state is not saved" + kept
                + ". Lower the learning rates or check the data, then resume or start again.");
    }

    private static Map<String, Double> metrics(StepMetrics m) {
        Map<String, Double> map = new LinkedHashMap<>();
        map.put("loss", m.trainLoss());
        map.put("acc", m.trainAcc());
        if (!Double.isNaN(m.valAcc())) {
            map.put("val_acc", m.valAcc());
        }
        return map;
    }

    private SearchResult stop(SearchStatus s, Progress progress, String message) {
        status = s;
        save();
        progress.finish(message);
        return new SearchResult(s, epoch, architecture(), history(), runDirectory, seconds);
    }

    /**
     * One epoch is one pass over the weight images, as in DARTS; the architecture steps draw their batches from the
     * architecture images as needed (see {@link ValBatches}).
     */
    private int stepsPerEpoch(DataSplit split) {
        int steps = split.train().length / config.batchSize();
        if (steps < 1 || split.val().length < config.batchSize()) {
            throw new IllegalArgumentException("the data gives no full batch of " + config.batchSize() + " per split ("
                    + split.train().length + " weight-step and " + split.val().length + " architecture-step images)");
        }
        return steps;
    }

    private void checkData(ImageDataset data) {
        var s = config.supernet();
        if (data.channels() != s.inputChannels() || data.height() != s.imageSize() || data.width() != s.imageSize()) {
            throw new IllegalArgumentException("dataset " + data.name() + " has " + data.channels() + "x" + data.height()
                    + "x" + data.width() + " images, the supernet expects " + s.inputChannels() + "x" + s.imageSize()
                    + "x" + s.imageSize());
        }
        if (data.numClasses() != s.classes()) {
            throw new IllegalArgumentException("dataset " + data.name() + " has " + data.numClasses()
                    + " classes, the supernet expects " + s.classes());
        }
    }

    private boolean alphaSteps() {
        return supernet.arch().isAlphaTrainable() && epoch >= config.alphaFrozenEpochs();
    }

    /**
     * The architecture batches of one epoch: step i takes the next full batch of a seeded order of the architecture
     * images; when a pass through them ends before the epoch does, a new seeded order starts (DARTS draws a fresh
     * random batch for every step). The first pass's order is drawn right after the weight order, from the same
     * stream, so splits whose architecture part is at least as large as the weight part see the same batches as
     * before this rule.
     */
    private final class ValBatches {
        private final int[] images;
        private final int perPass;
        private final int epochIndex;
        private final List<int[]> passes = new ArrayList<>();

        ValBatches(int[] images, int[] firstPass, int epochIndex) {
            this.images = images;
            this.perPass = images.length / config.batchSize();
            this.epochIndex = epochIndex;
            passes.add(firstPass);
        }

        int[] order(int step) {
            int pass = step / perPass;
            while (passes.size() <= pass) {
                long index = (long) epochIndex * 1_000_003L + passes.size();
                passes.add(Seeds.shuffled(images, Seeds.stream(config.supernet().seed(), PURPOSE_VAL_REPEAT, index)));
            }
            return passes.get(pass);
        }

        int from(int step) {
            return (step % perPass) * config.batchSize();
        }
    }

    private StepMetrics step(ImageDataset data, int[] trainOrder, int from, int[] valOrder, int valFrom, int steps,
                             float lr) {
        ArchitectureParameters arch = supernet.arch();
        List<NDArray> weights = supernet.weights();
        List<NDArray> archParams = arch.trainable();
        double valLoss = Double.NaN;
        double valAcc = Double.NaN;
        boolean stepAlpha = alphaSteps();
        boolean stepArch = stepAlpha || betaOptimizer != null;
        int b = config.batchSize();
        try (NDScope scope = new NDScope()) {
            if (stepArch) {
                Batch val = Batch.load(manager, data, valOrder, valFrom, b);
                Batch train = config.secondOrder() ? Batch.load(manager, data, trainOrder, from, b) : null;
                double[] lossAcc = config.secondOrder()
                        ? new UnrolledGradient(supernet, weightOptimizer, config, lossTerm, epoch).compute(train, val, lr)
                        : firstOrderArchitectureGradient(val, weights, archParams);
                valLoss = lossAcc[0];
                valAcc = lossAcc[1];
                if (stepAlpha) {
                    alphaOptimizer.step((float) config.alphaLr());
                }
                if (betaOptimizer != null) {
                    betaOptimizer.step((float) config.alphaLr());
                }
            }
        }
        double trainLoss;
        double trainAcc;
        try (NDScope scope = new NDScope()) {
            Batch train = Batch.load(manager, data, trainOrder, from, b);
            try (Gradients.Pass pass = Gradients.towards(weights, archParams)) {
                NDArray logits = supernet.forward(train.images(), ForwardMode.TRAIN);
                NDArray loss = Losses.crossEntropy(logits, train.labels());
                pass.backward(loss);
                trainLoss = loss.getFloat();
                trainAcc = (double) Losses.correct(logits, train.labels()) / b;
            }
            Gradients.clipNorm(weights, config.gradClip());
            weightOptimizer.step(lr);
        }
        return new StepMetrics(epoch, step, steps, trainLoss, trainAcc, valLoss, valAcc, lr, 0);
    }

    /** ∇ of the validation loss (plus the loss term) w.r.t. α/β; weights are held constant. */
    private double[] firstOrderArchitectureGradient(Batch val, List<NDArray> weights, List<NDArray> archParams) {
        try (Gradients.Pass pass = Gradients.towards(archParams, weights)) {
            NDArray logits = supernet.forward(val.images(), ForwardMode.TRAIN);
            NDArray ce = Losses.crossEntropy(logits, val.labels());
            pass.backward(withLossTerm(ce, supernet.arch(), lossTerm, epoch, config.epochs()));
            return new double[] {ce.getFloat(), (double) Losses.correct(logits, val.labels()) / val.size()};
        }
    }

    static NDArray withLossTerm(NDArray ce, ArchitectureParameters arch, LossTerm term, int epoch, int epochs) {
        if (term == null) {
            return ce;
        }
        NDArray p = term.penalty(arch, epoch, epochs);
        return p == null ? ce : ce.add(p);
    }

    private EpochMetrics endEpoch(ImageDataset data, DataSplit split, float lr) {
        // held-out images: with a re-drawn split, most of this epoch's architecture half has been trained on
        SupernetEvaluator.Result eval = new SupernetEvaluator(data, split.heldOut(), config.batchSize(), config.evalBatches())
                .evaluate(supernet, ForwardMode.BATCH_STATS, false);
        ArchitectureParameters arch = supernet.arch();
        Map<String, double[][]> softmax = new LinkedHashMap<>();
        Map<String, double[]> entropy = new LinkedHashMap<>();
        for (CellType t : arch.space().cellTypes()) {
            softmax.put(t.key(), arch.softmaxSnapshot(t));
            entropy.put(t.key(), arch.entropy(t));
        }
        EpochMetrics em = new EpochMetrics(epoch, sums.trainLoss(), sums.trainAcc(), eval.loss(), eval.accuracy(), lr,
                sums.seconds(), softmax, entropy, architecture());
        history.add(em);
        epoch++;
        step = 0;
        sums.reset();
        save();
        return em;
    }

    /** Writes checkpoint.bin and run.json (each atomically) when the search has a run directory. */
    public void save() {
        if (diverged != null) {
            throw new IllegalStateException("not saving a search whose state was spoiled by " + diverged);
        }
        if (runDirectory == null) {
            return;
        }
        Map<String, Double> scalars = new LinkedHashMap<>();
        scalars.put("epoch", (double) epoch);
        scalars.put("step", (double) step);
        scalars.put("seconds", seconds);
        sums.saveTo(scalars);
        weightOptimizer.counters().forEach((k, v) -> scalars.put("sgd." + k, v));
        alphaOptimizer.counters().forEach((k, v) -> scalars.put("adam_alpha." + k, v));
        if (betaOptimizer != null) {
            betaOptimizer.counters().forEach((k, v) -> scalars.put("adam_beta." + k, v));
        }
        // run.json first: killed between the two writes, the record is one epoch ahead of the checkpoint, and a
        // resume takes the checkpoint's position and the record's metrics up to it (never a metric-less epoch)
        Json.write(runDirectory.resolve("run.json"), record());
        Checkpoint.save(runDirectory.resolve("checkpoint.bin"), scalars, stateArrays());
        lastSaved = position();
    }

    /** The run record as it stands. */
    public RunRecord record() {
        return new RunRecord("dnaslab", ProjectVersion.get(), "darts-search", status, config,
                lossTerm == null ? null : lossTerm.describe(), epoch, step, history(),
                architecture().toText(), seconds, searchedOn);
    }

    private Map<String, NDArray> stateArrays() {
        Map<String, NDArray> arrays = new LinkedHashMap<>(supernet.namedState());
        weightOptimizer.state().forEach((k, v) -> arrays.put("sgd." + k, v));
        alphaOptimizer.state().forEach((k, v) -> arrays.put("adam_alpha." + k, v));
        if (betaOptimizer != null) {
            betaOptimizer.state().forEach((k, v) -> arrays.put("adam_beta." + k, v));
        }
        return arrays;
    }

    private void loadCheckpoint(Path file, RunRecord record) {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("cannot resume from " + file.getParent() + ": no checkpoint.bin there");
        }
        Map<String, Double> s = Checkpoint.load(file, stateArrays());
        if (s.get("epoch") == null || s.get("step") == null) {
            throw new IllegalArgumentException("checkpoint " + file + " has no position (epoch, step) in its header");
        }
        epoch = (int) Math.round(s.get("epoch"));
        step = (int) Math.round(s.get("step"));
        if (record.epochs().size() < epoch || epoch > config.epochs()) {
            throw new IllegalArgumentException("checkpoint " + file + " is at epoch " + epoch + " but "
                    + file.resolveSibling("run.json") + " records " + record.epochs().size() + " epochs of "
                    + config.epochs() + ": the two files are not from the same run");
        }
        seconds = s.getOrDefault("seconds", 0.0);
        lastSaved = position();
        sums.loadFrom(s);
        weightOptimizer.loadCounters(prefixed(s, "sgd."));
        alphaOptimizer.loadCounters(prefixed(s, "adam_alpha."));
        if (betaOptimizer != null) {
            betaOptimizer.loadCounters(prefixed(s, "adam_beta."));
        }
        history.clear();
        history.addAll(record.epochs().subList(0, Math.min(epoch, record.epochs().size())));
        status = record.status();
        searchedOn = record.data();
    }

    private String position() {
        return step == 0 ? "the end of epoch " + epoch : "epoch " + (epoch + 1) + " after step " + step;
    }

    private static Map<String, Double> prefixed(Map<String, Double> all, String prefix) {
        Map<String, Double> m = new LinkedHashMap<>();
        all.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                m.put(k.substring(prefix.length()), v);
            }
        });
        return m;
    }

    @Override
    public void close() {
        // the manager would free the optimizers' state too; closing them says whose arrays they are
        try {
            weightOptimizer.close();
            alphaOptimizer.close();
            if (betaOptimizer != null) {
                betaOptimizer.close();
            }
        } finally {
            manager.close();
        }
    }

    /** Running sums of the current epoch's step metrics (kept in checkpoints so a resumed epoch reports the same). */
    private static final class EpochSums {
        private double loss;
        private double acc;
        private double millis;
        private int count;

        void add(StepMetrics m) {
            loss += m.trainLoss();
            acc += m.trainAcc();
            millis += m.millis();
            count++;
        }

        double trainLoss() {
            return count == 0 ? Double.NaN : loss / count;
        }

        double trainAcc() {
            return count == 0 ? Double.NaN : acc / count;
        }

        double seconds() {
            return millis / 1000;
        }

        void reset() {
            loss = 0;
            acc = 0;
            millis = 0;
            count = 0;
        }

        void saveTo(Map<String, Double> m) {
            m.put("sums.loss", loss);
            m.put("sums.acc", acc);
            m.put("sums.millis", millis);
            m.put("sums.count", (double) count);
        }

        void loadFrom(Map<String, Double> m) {
            loss = m.getOrDefault("sums.loss", 0.0);
            acc = m.getOrDefault("sums.acc", 0.0);
            millis = m.getOrDefault("sums.millis", 0.0);
            count = (int) Math.round(m.getOrDefault("sums.count", 0.0));
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

        public DartsSearch build() {
            return new DartsSearch(this);
        }
    }
}
