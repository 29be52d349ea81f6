package org.dnaslab.select;

import org.dnaslab.data.ImageDataset;
import org.dnaslab.progress.Progress;
import org.dnaslab.progress.ProgressReporters;
import org.dnaslab.search.Adam;
import org.dnaslab.search.ArchitectureStep;
import org.dnaslab.search.SearchConfig;
import org.dnaslab.search.Seeds;
import org.dnaslab.search.WeightStep;
import org.dnaslab.supernet.Supernet;
import org.dnaslab.train.AdamSettings;
import org.dnaslab.train.EpochSums;
import org.dnaslab.train.LrSchedule;
import org.dnaslab.train.SgdSettings;
import org.dnaslab.train.StepResult;
import org.dnaslab.train.TrainingInterruptedException;
import org.dnaslab.train.TrainingLoop;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps training a supernet as it stands (committed edges compute their one op), as a configuration of the
 * {@link TrainingLoop}: a {@link WeightStep} per batch, and optionally, as PT's tuning between decisions does, a
 * first-order {@link ArchitectureStep} with Adam on α (and β) on a validation batch before each weight step. Each
 * epoch visits the weight images in a seeded order. The optimizer state is fresh for every call. Interrupting the
 * thread stops it between steps with {@link TrainingInterruptedException} (the library's contract,
 * {@link org.dnaslab.train}).
 *
 * @param epochs        epochs per call of {@link #tune}
 * @param sgd           the weights' optimizer (its learning rate is the schedule's base)
 * @param schedule      the weights' learning-rate schedule, over {@code scheduleEpochs}
 * @param scheduleEpochs the length of the schedule (a constant schedule ignores it)
 * @param firstEpoch    where in the schedule the first tuning epoch stands (the single-stage protocol continues
 *                      its search's cosine)
 * @param batchSize     images per step
 * @param alphaSteps    whether α (when it trains) and β take an Adam step before each weight step
 * @param adam          the architecture optimizer
 * @param seed          the data orders' seed
 * @param progress      whether to show a progress bar
 */
public record FineTuner(int epochs, SgdSettings sgd, LrSchedule schedule, int scheduleEpochs, int firstEpoch,
                        int batchSize, boolean alphaSteps, AdamSettings adam, long seed, boolean progress) {
    private static final long PURPOSE_ORDER = 0x7475_6E65L;

    public FineTuner {
        if (epochs < 0) {
            throw new IllegalArgumentException("fine-tuning epochs must be >= 0, got " + epochs);
        }
        if (batchSize < 2) {
            throw new IllegalArgumentException("batch size must be >= 2 (batch norm), got " + batchSize);
        }
        java.util.Objects.requireNonNull(sgd, "sgd");
        java.util.Objects.requireNonNull(schedule, "schedule");
        java.util.Objects.requireNonNull(adam, "adam");
    }

    /** A builder with DARTS's SGD settings, a constant 0.025, batch 64 and no α steps. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder with a search's SGD settings (momentum, weight decay, clip, batch size, seed, constant learning rate
     * at the search's initial one) and its α optimizer settings (α steps off until asked for).
     */
    public static Builder from(SearchConfig c) {
        return new Builder().optSgd(c.weightOptimizer()).optBatchSize(c.batchSize()).optSeed(c.supernet().seed())
                .optAlphaOptimizer(c.alphaOptimizer());
    }

    /** A copy with another number of epochs (same schedule, counted from its first epoch). */
    public FineTuner withEpochs(int n) {
        return new FineTuner(n, sgd, schedule, scheduleEpochs, firstEpoch, batchSize, alphaSteps, adam, seed, progress);
    }

    /** The weights' learning rate in tuning epoch {@code epoch} (0-based) of a call. */
    public double learningRate(int epoch) {
        return schedule.at(sgd.learningRate(), firstEpoch + epoch, scheduleEpochs);
    }

    /**
     * Trains for {@link #epochs()} epochs: one weight step per full batch of {@code weightImages}, each preceded
     * (when α steps are on and α or β trains) by an architecture step on a batch of {@code alphaImages}, drawn
     * cyclically.
     *
     * @param alphaImages may be null when α steps are off
     * @return per-epoch mean training loss and accuracy
     * @throws TrainingInterruptedException when the thread is interrupted (nothing is returned; the weights keep
     *                                      the steps taken)
     */
    public List<Epoch> tune(Supernet net, ImageDataset data, int[] weightImages, int[] alphaImages) {
        return tune(net, data, weightImages, alphaImages, 0);
    }

    /**
     * As {@link #tune(Supernet, ImageDataset, int[], int[])}, drawing the data order of epoch i from the stream of
     * epoch {@code orderOffset + i}, so that successive calls (PT's tuning between decisions) see new orders.
     */
    public List<Epoch> tune(Supernet net, ImageDataset data, int[] weightImages, int[] alphaImages, int orderOffset) {
        int steps = weightImages.length / batchSize;
        if (epochs > 0 && steps < 1) {
            throw new IllegalArgumentException("fine-tuning needs a full batch of " + batchSize + " images, got "
                    + weightImages.length);
        }
        boolean stepArch = alphaSteps && !net.arch().trainable().isEmpty();
        if (stepArch && (alphaImages == null || alphaImages.length < batchSize)) {
            throw new IllegalArgumentException("α steps need at least a batch of " + batchSize + " validation images");
        }
        List<Epoch> out = new ArrayList<>();
        // fresh optimizer state per call, freed when the call ends however it ends (else every PT decision and
        // every comparison row would leave weight-sized buffers on the supernet's manager)
        try (WeightStep weightStep = new WeightStep(net, sgd, new ArrayList<>(net.arch().named().values()));
             Adam archOptimizer = stepArch ? new Adam(net.arch().trainable(), (float) adam.beta1(),
                     (float) adam.beta2(), (float) adam.weightDecay()) : null;
             Progress p = progress ? Progress.start("fine-tune", (long) epochs * steps)
                     : ProgressReporters.silent().start("", (long) epochs * steps)) {
            Tuning body = new Tuning(net, data, weightImages, alphaImages, orderOffset, steps, weightStep,
                    archOptimizer, out);
            TrainingLoop.of("fine-tuning", epochs).run(body, p);
        }
        return out;
    }

    /** One tuning call's epochs as the loop runs them. */
    private final class Tuning implements TrainingLoop.Body {
        private final Supernet net;
        private final ImageDataset data;
        private final int[] weightImages;
        private final int[] alphaImages;
        private final int orderOffset;
        private final int steps;
        private final WeightStep weightStep;
        private final ArchitectureStep architectureStep;
        private final Adam archOptimizer;
        private final List<Epoch> out;
        private int[] order;
        private int[] alphaOrder;
        private int alphaCursor;
        private float rate;
        private long started;

        Tuning(Supernet net, ImageDataset data, int[] weightImages, int[] alphaImages, int orderOffset, int steps,
               WeightStep weightStep, Adam archOptimizer, List<Epoch> out) {
            this.net = net;
            this.data = data;
            this.weightImages = weightImages;
            this.alphaImages = alphaImages;
            this.orderOffset = orderOffset;
            this.steps = steps;
            this.weightStep = weightStep;
            this.architectureStep = archOptimizer == null ? null : new ArchitectureStep(net, null, 1);
            this.archOptimizer = archOptimizer;
            this.out = out;
        }

        @Override
        public int startEpoch(int epoch) {
            started = System.nanoTime();
            var rng = Seeds.stream(seed, PURPOSE_ORDER, orderOffset + epoch);
            order = Seeds.shuffled(weightImages, rng);
            alphaOrder = archOptimizer != null ? Seeds.shuffled(alphaImages, rng) : null;
            rate = (float) learningRate(epoch);
            return steps;
        }

        @Override
        public StepResult step(int epoch, int step, int steps) {
            if (archOptimizer != null) {
                if (alphaCursor + batchSize > alphaOrder.length) {
                    alphaCursor = 0;
                }
                if (architectureStep.gradient(data, alphaOrder, alphaCursor, batchSize, epoch, true) != null) {
                    archOptimizer.step((float) adam.learningRate());
                }
                alphaCursor += batchSize;
            }
            return weightStep.run(data, order, step * batchSize, batchSize, rate);
        }

        @Override
        public void endEpoch(int epoch, EpochSums sums) {
            out.add(new Epoch(epoch, sums.meanLoss(), sums.meanAccuracy(), rate, (System.nanoTime() - started) / 1e9));
        }
    }

    @Override
    public String toString() {
        String lr = schedule.kind() == LrSchedule.Kind.CONSTANT ? Double.toString(sgd.learningRate())
                : "cosine(" + sgd.learningRate() + "→" + schedule.minLearningRate() + " over " + scheduleEpochs
                        + ", from epoch " + firstEpoch + ")";
        return "FineTuner(" + epochs + " epochs, lr " + lr + ", momentum " + sgd.momentum() + ", wd "
                + sgd.weightDecay() + ", batch " + batchSize + (alphaSteps ? ", α steps at " + adam.learningRate()
                : ", weights only") + ")";
    }

    /** One fine-tuning epoch: mean training loss and accuracy, the learning rate used, wall time. */
    public record Epoch(int epoch, double trainLoss, double trainAccuracy, double lr, double seconds) {
    }

    /** Configures a {@link FineTuner}; defaults are DARTS's SGD settings, a constant 0.025, batch 64, no α steps. */
    public static final class Builder {
        private int epochs = 1;
        private SgdSettings sgd = SgdSettings.DARTS;
        private LrSchedule schedule = LrSchedule.constant();
        private int scheduleEpochs = 1;
        private int firstEpoch;
        private int batchSize = 64;
        private boolean alphaSteps;
        private AdamSettings adam = AdamSettings.DARTS;
        private long seed;
        private boolean progress;

        private Builder() {
        }

        /** Epochs per {@link FineTuner#tune} call. */
        public Builder setEpochs(int n) {
            this.epochs = n;
            return this;
        }

        /** SGD's rate, momentum, weight decay and clip in one. */
        public Builder optSgd(SgdSettings settings) {
            this.sgd = java.util.Objects.requireNonNull(settings, "sgd");
            return this;
        }

        /** A constant learning rate. */
        public Builder optLearningRate(double rate) {
            this.sgd = sgd.withLearningRate(rate);
            this.schedule = LrSchedule.constant();
            return this;
        }

        /** Cosine annealing from {@code max} to {@code min} over {@code total} epochs, starting at epoch {@code first}. */
        public Builder optCosine(double max, double min, int total, int first) {
            this.sgd = sgd.withLearningRate(max);
            this.schedule = LrSchedule.cosine(min);
            this.scheduleEpochs = total;
            this.firstEpoch = first;
            return this;
        }

        /** SGD momentum, in [0, 1) (default 0.9); checked at once. */
        public Builder optMomentum(double m) {
            this.sgd = new SgdSettings(sgd.learningRate(), m, sgd.weightDecay(), sgd.gradClip());
            return this;
        }

        /** SGD's L2 weight decay, finite and ≥ 0 (default 3e-4); checked at once. */
        public Builder optWeightDecay(double wd) {
            this.sgd = new SgdSettings(sgd.learningRate(), sgd.momentum(), wd, sgd.gradClip());
            return this;
        }

        /** Clip of the weight gradients' global L2 norm, finite and ≥ 0, 0 = off (default 5); checked at once. */
        public Builder optGradClip(double clip) {
            this.sgd = new SgdSettings(sgd.learningRate(), sgd.momentum(), sgd.weightDecay(), clip);
            return this;
        }

        /** Images per step, at least 2 for batch norm (default 64). */
        public Builder optBatchSize(int b) {
            this.batchSize = b;
            return this;
        }

        /** Whether α (when it trains) and β take an Adam step on a validation batch before each weight step. */
        public Builder optAlphaSteps(boolean on) {
            this.alphaSteps = on;
            return this;
        }

        /** The Adam settings for α (and β) when α steps are on (default {@link AdamSettings#DARTS}). */
        public Builder optAlphaOptimizer(AdamSettings settings) {
            this.adam = java.util.Objects.requireNonNull(settings, "adam");
            return this;
        }

        /** As {@link #optAlphaOptimizer(AdamSettings)}: rate finite and positive, betas in [0, 1), weight decay ≥ 0. */
        public Builder optAlphaOptimizer(double lr, double beta1, double beta2, double weightDecay) {
            return optAlphaOptimizer(new AdamSettings(lr, beta1, beta2, weightDecay));
        }

        /** The seed of the epochs' data orders (default 0). */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Whether {@link FineTuner#tune} shows a progress bar (default off). */
        public Builder optProgress(boolean on) {
            this.progress = on;
            return this;
        }

        /** The tuner; its record constructor checks every value. */
        public FineTuner build() {
            return new FineTuner(epochs, sgd, schedule, scheduleEpochs, firstEpoch, batchSize, alphaSteps, adam, seed,
                    progress);
        }
    }
}
