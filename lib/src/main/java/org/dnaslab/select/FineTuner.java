package org.dnaslab.select;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.engine.EngineException;
import org.dnaslab.data.ImageDataset;
import org.dnaslab.ops.ForwardMode;
import org.dnaslab.progress.Progress;
import org.dnaslab.progress.ProgressReporters;
import org.dnaslab.search.Adam;
import org.dnaslab.search.Batch;
import org.dnaslab.search.CosineSchedule;
import org.dnaslab.search.Gradients;
import org.dnaslab.search.Losses;
import org.dnaslab.search.SearchConfig;
import org.dnaslab.search.SearchInterruptedException;
import org.dnaslab.search.Seeds;
import org.dnaslab.search.SgdMomentum;
import org.dnaslab.supernet.ArchitectureParameters;
import org.dnaslab.supernet.Supernet;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * Keeps training a supernet as it stands (committed edges compute their one op): SGD with momentum on the weights,
 * and optionally, as PT's tuning between decisions does, a first-order Adam step on α (and β) on a validation batch
 * before each weight step. Each epoch visits the weight images in a seeded order. The optimizer state is fresh for
 * every call. Interrupting the thread stops it between steps with {@link SearchInterruptedException}.
 */
public final class FineTuner {
    private static final long PURPOSE_ORDER = 0x7475_6E65L;

    private final int epochs;
    private final IntToDoubleFunction lr;
    private final String lrText;
    private final double momentum;
    private final double weightDecay;
    private final double gradClip;
    private final int batchSize;
    private final boolean alphaSteps;
    private final double alphaLr;
    private final double alphaBeta1;
    private final double alphaBeta2;
    private final double alphaWeightDecay;
    private final long seed;
    private final boolean progress;

    private FineTuner(Builder b) {
        this.epochs = b.epochs;
        this.lr = b.lr;
        this.lrText = b.lrText;
        this.momentum = b.momentum;
        this.weightDecay = b.weightDecay;
        this.gradClip = b.gradClip;
        this.batchSize = b.batchSize;
        this.alphaSteps = b.alphaSteps;
        this.alphaLr = b.alphaLr;
        this.alphaBeta1 = b.alphaBeta1;
        this.alphaBeta2 = b.alphaBeta2;
        this.alphaWeightDecay = b.alphaWeightDecay;
        this.seed = b.seed;
        this.progress = b.progress;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder with a search's SGD settings (momentum, weight decay, clip, batch size, seed, constant learning rate
     * at the search's initial one) and its α optimizer settings (α steps off until asked for).
     */
    public static Builder from(SearchConfig c) {
        return new Builder().optLearningRate(c.weightLr()).optMomentum(c.momentum()).optWeightDecay(c.weightDecay())
                .optGradClip(c.gradClip()).optBatchSize(c.batchSize()).optSeed(c.supernet().seed())
                .optAlphaOptimizer(c.alphaLr(), c.alphaBeta1(), c.alphaBeta2(), c.alphaWeightDecay());
    }

    public int epochs() {
        return epochs;
    }

    public boolean alphaSteps() {
        return alphaSteps;
    }

    /** A copy with another number of epochs (same schedule function, counted from its first epoch). */
    public FineTuner withEpochs(int n) {
        Builder b = toBuilder();
        b.epochs = n;
        return b.build();
    }

    private Builder toBuilder() {
        Builder b = new Builder();
        b.epochs = epochs;
        b.lr = lr;
        b.lrText = lrText;
        b.momentum = momentum;
        b.weightDecay = weightDecay;
        b.gradClip = gradClip;
        b.batchSize = batchSize;
        b.alphaSteps = alphaSteps;
        b.alphaLr = alphaLr;
        b.alphaBeta1 = alphaBeta1;
        b.alphaBeta2 = alphaBeta2;
        b.alphaWeightDecay = alphaWeightDecay;
        b.seed = seed;
        b.progress = progress;
        return b;
    }

    /**
     * Trains for {@link #epochs()} epochs: one weight step per full batch of {@code weightImages}, each preceded
     * (when α steps are on and α or β trains) by an architecture step on a batch of {@code alphaImages}, drawn
     * cyclically.
     *
     * @param alphaImages may be null when α steps are off
     * @return per-epoch mean training loss and accuracy
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
        ArchitectureParameters arch = net.arch();
        List<NDArray> weights = net.weights();
        List<NDArray> archArrays = new ArrayList<>(arch.named().values());
        List<NDArray> archTrainable = arch.trainable();
        boolean stepArch = alphaSteps && !archTrainable.isEmpty();
        if (stepArch && (alphaImages == null || alphaImages.length < batchSize)) {
            throw new IllegalArgumentException("α steps need at least a batch of " + batchSize + " validation images");
        }
        List<Epoch> out = new ArrayList<>();
        int alphaCursor = 0;
        // fresh optimizer state per call, freed when the call ends however it ends (else every PT decision and
        // every comparison row would leave weight-sized buffers on the supernet's manager)
        try (SgdMomentum sgd = new SgdMomentum(weights, (float) momentum, (float) weightDecay);
             Adam adam = stepArch ? new Adam(archTrainable, (float) alphaBeta1, (float) alphaBeta2,
                     (float) alphaWeightDecay) : null;
             Progress p = progress ? Progress.start("fine-tune", (long) epochs * steps)
                     : ProgressReporters.silent().start("", (long) epochs * steps)) {
            for (int epoch = 0; epoch < epochs; epoch++) {
                long t0 = System.nanoTime();
                var rng = Seeds.stream(seed, PURPOSE_ORDER, orderOffset + epoch);
                int[] order = Seeds.shuffled(weightImages, rng);
                int[] alphaOrder = stepArch ? Seeds.shuffled(alphaImages, rng) : null;
                float rate = (float) lr.applyAsDouble(epoch);
                double loss = 0;
                double acc = 0;
                for (int s = 0; s < steps; s++) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new SearchInterruptedException("fine-tuning interrupted at epoch " + (epoch + 1)
                                + " step " + (s + 1));
                    }
                    if (stepArch) {
                        if (alphaCursor + batchSize > alphaOrder.length) {
                            alphaCursor = 0;
                        }
                        if (architectureStep(net, data, alphaOrder, alphaCursor, weights, archTrainable)) {
                            adam.step((float) alphaLr);
                        }
                        alphaCursor += batchSize;
                    }
                    double[] la = weightStep(net, data, order, s * batchSize, weights, archArrays);
                    sgd.step(rate);
                    loss += la[0];
                    acc += la[1];
                    p.update((long) epoch * steps + s + 1, "epoch " + (epoch + 1) + "/" + epochs,
                            java.util.Map.of("loss", la[0]));
                }
                out.add(new Epoch(epoch, loss / steps, acc / steps, rate, (System.nanoTime() - t0) / 1e9));
            }
        }
        return out;
    }

    /**
     * @return false when the loss does not depend on α or β at all (e.g. every undecided edge was cut off by edges
     *         committed to none), so there is nothing to step
     */
    private boolean architectureStep(Supernet net, ImageDataset data, int[] order, int from, List<NDArray> weights,
                                     List<NDArray> archTrainable) {
        try (NDScope scope = new NDScope()) {
            Batch val = Batch.load(net.manager(), data, order, from, batchSize);
            try (Gradients.Pass pass = Gradients.towards(archTrainable, weights)) {
                NDArray logits = net.forward(val.images(), ForwardMode.TRAIN);
                NDArray loss = Losses.crossEntropy(logits, val.labels());
                try {
                    pass.backward(loss);
                    return true;
                } catch (EngineException e) {
                    // DJL cannot ask a computed array whether it is on the graph; autograd's refusal says it is not
                    if (String.valueOf(e.getMessage()).contains("does not require grad")) {
                        return false;
                    }
                    throw e;
                }
            }
        }
    }

    private double[] weightStep(Supernet net, ImageDataset data, int[] order, int from, List<NDArray> weights,
                                List<NDArray> archArrays) {
        try (NDScope scope = new NDScope()) {
            Batch train = Batch.load(net.manager(), data, order, from, batchSize);
            double loss;
            double acc;
            try (Gradients.Pass pass = Gradients.towards(weights, archArrays)) {
                NDArray logits = net.forward(train.images(), ForwardMode.TRAIN);
                NDArray l = Losses.crossEntropy(logits, train.labels());
                pass.backward(l);
                loss = l.getFloat();
                acc = (double) Losses.correct(logits, train.labels()) / batchSize;
            }
            Gradients.clipNorm(weights, gradClip);
            return new double[] {loss, acc};
        }
    }

    @Override
    public String toString() {
        return "FineTuner(" + epochs + " epochs, lr " + lrText + ", momentum " + momentum + ", wd " + weightDecay
                + ", batch " + batchSize + (alphaSteps ? ", α steps at " + alphaLr : ", weights only") + ")";
    }

    /** One fine-tuning epoch: mean training loss and accuracy, the learning rate used, wall time. */
    public record Epoch(int epoch, double trainLoss, double trainAccuracy, double lr, double seconds) {
    }

    /** Configures a {@link FineTuner}; defaults are DARTS's SGD settings, a constant 0.025, batch 64, no α steps. */
    public static final class Builder {
        private int epochs = 1;
        private IntToDoubleFunction lr = e -> 0.025;
        private String lrText = "0.025";
        private double momentum = 0.9;
        private double weightDecay = 3e-4;
        private double gradClip = 5;
        private int batchSize = 64;
        private boolean alphaSteps;
        private double alphaLr = 3e-4;
        private double alphaBeta1 = 0.5;
        private double alphaBeta2 = 0.999;
        private double alphaWeightDecay = 1e-3;
        private long seed;
        private boolean progress;

        private Builder() {
        }

        public Builder setEpochs(int n) {
            this.epochs = n;
            return this;
        }

        public Builder optLearningRate(double rate) {
            this.lr = e -> rate;
            this.lrText = Double.toString(rate);
            return this;
        }

        /** Cosine annealing from {@code max} to {@code min} over {@code total} epochs, starting at epoch {@code first}. */
        public Builder optCosine(double max, double min, int total, int first) {
            CosineSchedule c = new CosineSchedule(max, min, total);
            this.lr = e -> c.at(first + e);
            this.lrText = "cosine(" + max + "→" + min + " over " + total + ", from epoch " + first + ")";
            return this;
        }

        public Builder optMomentum(double m) {
            this.momentum = m;
            return this;
        }

        public Builder optWeightDecay(double wd) {
            this.weightDecay = wd;
            return this;
        }

        public Builder optGradClip(double clip) {
            this.gradClip = clip;
            return this;
        }

        public Builder optBatchSize(int b) {
            this.batchSize = b;
            return this;
        }

        /** Whether α (when it trains) and β take an Adam step on a validation batch before each weight step. */
        public Builder optAlphaSteps(boolean on) {
            this.alphaSteps = on;
            return this;
        }

        public Builder optAlphaOptimizer(double lr, double beta1, double beta2, double weightDecay) {
            this.alphaLr = lr;
            this.alphaBeta1 = beta1;
            this.alphaBeta2 = beta2;
            this.alphaWeightDecay = weightDecay;
            return this;
        }

        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder optProgress(boolean on) {
            this.progress = on;
            return this;
        }

        public FineTuner build() {
            if (epochs < 0) {
                throw new IllegalArgumentException("fine-tuning epochs must be >= 0, got " + epochs);
            }
            if (batchSize < 2) {
                throw new IllegalArgumentException("batch size must be >= 2 (batch norm), got " + batchSize);
            }
            if (!(momentum >= 0 && momentum < 1)) {
                throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
            }
            return new FineTuner(this);
        }
    }
}
