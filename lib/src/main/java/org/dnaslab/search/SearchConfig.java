package org.dnaslab.search;

import org.dnaslab.supernet.SupernetConfig;
import org.dnaslab.train.AdamSettings;
import org.dnaslab.train.LrSchedule;
import org.dnaslab.train.SgdSettings;

/**
 * Everything that defines a DARTS search run; saved in its run record so the run can be reproduced or resumed.
 * Defaults are DESIGN.md §3's (from DARTS and darts-pt).
 *
 * @param supernet          the supernet's shape and seed
 * @param epochs            search epochs
 * @param batchSize         images per step, for both the weight and the architecture step
 * @param weightLr          SGD learning rate at epoch 0 (cosine-annealed to {@code weightLrMin})
 * @param weightLrMin       SGD learning rate at the last epoch
 * @param momentum          SGD momentum
 * @param weightDecay       SGD L2 weight decay
 * @param gradClip          max global L2 norm of the weight gradients
 * @param alphaLr           Adam learning rate of α (and β)
 * @param alphaBeta1        Adam β1
 * @param alphaBeta2        Adam β2
 * @param alphaWeightDecay  Adam L2 weight decay of α
 * @param secondOrder       unrolled (second-order) architecture gradient instead of first order
 * @param alphaFrozenEpochs epochs during which α is not stepped (DA2S freezes α for 7); β still trains
 * @param fixedAlpha        α fixed at uniform and never trained (PT's "blank" supernet)
 * @param trainLimit        use only the first n training images (0 = all)
 * @param split             how the training images are split between weight and architecture steps
 * @param evalBatches       batches of the split's held-out images used for the per-epoch accuracy (0 = all)
 */
public record SearchConfig(SupernetConfig supernet, int epochs, int batchSize, double weightLr, double weightLrMin,
                           double momentum, double weightDecay, double gradClip, double alphaLr, double alphaBeta1,
                           double alphaBeta2, double alphaWeightDecay, boolean secondOrder, int alphaFrozenEpochs,
                           boolean fixedAlpha, int trainLimit, String split, int evalBatches) {

    public SearchConfig {
        if (supernet == null) {
            throw new IllegalArgumentException("search config: supernet is required");
        }
        check(epochs >= 1, "epochs must be >= 1, got " + epochs);
        check(batchSize >= 2, "batchSize must be >= 2 (batch norm needs a batch), got " + batchSize);
        check(weightLr > 0 && weightLrMin >= 0 && weightLrMin <= weightLr, "need 0 <= weightLrMin <= weightLr, got "
                + weightLrMin + " and " + weightLr);
        check(momentum >= 0 && momentum < 1, "momentum must be in [0, 1), got " + momentum);
        check(gradClip > 0, "gradClip must be > 0, got " + gradClip);
        check(alphaLr > 0, "alphaLr must be > 0, got " + alphaLr);
        check(alphaFrozenEpochs >= 0, "alphaFrozenEpochs must be >= 0, got " + alphaFrozenEpochs);
        check(trainLimit >= 0, "trainLimit must be >= 0 (0 = all), got " + trainLimit);
        check(evalBatches >= 0, "evalBatches must be >= 0 (0 = all), got " + evalBatches);
        if (split == null) {
            split = "fixed-halves";
        }
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("search config: " + message);
        }
    }

    /** The weight optimizer's settings: SGD at {@code weightLr} with momentum, weight decay and gradient clip. */
    public SgdSettings weightOptimizer() {
        return new SgdSettings(weightLr, momentum, weightDecay, gradClip);
    }

    /** The weights' learning-rate schedule: cosine from {@code weightLr} to {@code weightLrMin}, once per epoch. */
    public LrSchedule weightSchedule() {
        return LrSchedule.cosine(weightLrMin);
    }

    /** The architecture optimizer's settings: Adam on α (and β). */
    public AdamSettings alphaOptimizer() {
        return new AdamSettings(alphaLr, alphaBeta1, alphaBeta2, alphaWeightDecay);
    }

    /** The same search with another seed (the supernet's weights, α, data split and order all follow it). */
    public SearchConfig withSeed(long seed) {
        return new SearchConfig(supernet.withSeed(seed), epochs, batchSize, weightLr, weightLrMin, momentum, weightDecay,
                gradClip, alphaLr, alphaBeta1, alphaBeta2, alphaWeightDecay, secondOrder, alphaFrozenEpochs, fixedAlpha,
                trainLimit, split, evalBatches);
    }

    /** A builder with DESIGN.md §3's defaults, each listed on its method. */
    public static Builder builder() {
        return new Builder();
    }

    /** DJL-style builder: {@code set…} for what a run needs, {@code opt…} for what has a default. */
    public static final class Builder {
        private SupernetConfig.Builder supernet = SupernetConfig.builder();
        private SupernetConfig supernetConfig;
        private int epochs = 50;
        private int batchSize = 64;
        private double weightLr = 0.025;
        private double weightLrMin = 0.001;
        private double momentum = 0.9;
        private double weightDecay = 3e-4;
        private double gradClip = 5;
        private double alphaLr = 3e-4;
        private double alphaBeta1 = 0.5;
        private double alphaBeta2 = 0.999;
        private double alphaWeightDecay = 1e-3;
        private boolean secondOrder;
        private int alphaFrozenEpochs;
        private boolean fixedAlpha;
        private int trainLimit;
        private String split = "fixed-halves";
        private int evalBatches;

        /** The search space: nb201 (the default), darts or s1..s4. */
        public Builder setSpace(String space) {
            supernet.setSpace(space);
            return this;
        }

        /**
         * The whole supernet shape at once; when set, it wins over the space, channel, cell, input, class, seed and
         * edge-weight setters.
         */
        public Builder optSupernet(SupernetConfig config) {
            this.supernetConfig = config;
            return this;
        }

        /** C, the first stage's width: even and ≥ 2 (default 16). */
        public Builder optChannels(int c) {
            supernet.optChannels(c);
            return this;
        }

        /** Search cells per stage for NB201 (default 5) or total layers for DARTS-type spaces (default 8); ≥ 1. */
        public Builder optCells(int n) {
            supernet.optCells(n);
            return this;
        }

        /** Input channels (1 for Fashion-MNIST, 3 for CIFAR-10) and image height and width, ≥ 8 (default 1 and 28). */
        public Builder optInput(int channels, int size) {
            supernet.optInput(channels, size);
            return this;
        }

        /** Output classes, ≥ 2 (default 10). */
        public Builder optClasses(int classes) {
            supernet.optClasses(classes);
            return this;
        }

        /** The run's seed: initial weights and α, and the data split and order follow it (default 0). */
        public Builder optSeed(long seed) {
            supernet.optSeed(seed);
            return this;
        }

        /** Whether the supernet is DA2S's, with edge weights β (default off); see {@link SupernetConfig}. */
        public Builder optEdgeWeights(boolean on) {
            supernet.optEdgeWeights(on);
            return this;
        }

        /** Search epochs, ≥ 1 (default 50). */
        public Builder setEpochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /** Images per step, for both the weight and the architecture step; ≥ 2 (default 64). */
        public Builder optBatchSize(int b) {
            this.batchSize = b;
            return this;
        }

        /**
         * SGD's rate at epoch 0 and the minimum its cosine anneals towards; needs 0 ≤ min ≤ max and max positive
         * (default 0.025 and 0.001).
         */
        public Builder optWeightLr(double max, double min) {
            this.weightLr = max;
            this.weightLrMin = min;
            return this;
        }

        /** SGD momentum, in [0, 1) (default 0.9). */
        public Builder optMomentum(double m) {
            this.momentum = m;
            return this;
        }

        /** SGD's L2 weight decay (default 3e-4). */
        public Builder optWeightDecay(double wd) {
            this.weightDecay = wd;
            return this;
        }

        /** Max global L2 norm of the weight gradients, positive (default 5). */
        public Builder optGradClip(double clip) {
            this.gradClip = clip;
            return this;
        }

        /** SGD's base rate (the schedule's maximum), momentum, weight decay and clip in one. */
        public Builder optWeightOptimizer(SgdSettings sgd) {
            this.weightLr = sgd.learningRate();
            this.momentum = sgd.momentum();
            this.weightDecay = sgd.weightDecay();
            this.gradClip = sgd.gradClip();
            return this;
        }

        /** Adam's rate, betas and weight decay for α (and β) in one. */
        public Builder optAlphaOptimizer(AdamSettings adam) {
            this.alphaLr = adam.learningRate();
            this.alphaBeta1 = adam.beta1();
            this.alphaBeta2 = adam.beta2();
            this.alphaWeightDecay = adam.weightDecay();
            return this;
        }

        /** Adam's learning rate for α (and β), positive (default 3e-4). */
        public Builder optAlphaLr(double lr) {
            this.alphaLr = lr;
            return this;
        }

        /** Adam's β1 and β2 for α (default 0.5 and 0.999). */
        public Builder optAlphaBetas(double b1, double b2) {
            this.alphaBeta1 = b1;
            this.alphaBeta2 = b2;
            return this;
        }

        /** Adam's L2 weight decay of α (default 1e-3). */
        public Builder optAlphaWeightDecay(double wd) {
            this.alphaWeightDecay = wd;
            return this;
        }

        /** Whether the architecture gradient is unrolled (second order) rather than first order (default off). */
        public Builder optSecondOrder(boolean on) {
            this.secondOrder = on;
            return this;
        }

        /** Epochs at the start during which α is not stepped (DA2S freezes 7; β still trains); ≥ 0 (default 0). */
        public Builder optAlphaFrozenEpochs(int n) {
            this.alphaFrozenEpochs = n;
            return this;
        }

        /** Whether α stays uniform and is never trained, PT's "blank" supernet (default off). */
        public Builder optFixedAlpha(boolean on) {
            this.fixedAlpha = on;
            return this;
        }

        /** Use only the first n training images; ≥ 0, 0 = all (the default). */
        public Builder optTrainLimit(int n) {
            this.trainLimit = n;
            return this;
        }

        /**
         * How the training images are split between weight and architecture steps, by a
         * {@link org.dnaslab.data.SplitStrategies#byName} name (default fixed-halves).
         */
        public Builder optSplit(String name) {
            this.split = name;
            return this;
        }

        /** Batches of the split's held-out images for the per-epoch accuracy; ≥ 0, 0 = all (the default). */
        public Builder optEvalBatches(int n) {
            this.evalBatches = n;
            return this;
        }

        /** The config; the record constructors check the ranges stated above. */
        public SearchConfig build() {
            SupernetConfig s = supernetConfig != null ? supernetConfig : supernet.build();
            return new SearchConfig(s, epochs, batchSize, weightLr, weightLrMin, momentum, weightDecay, gradClip, alphaLr,
                    alphaBeta1, alphaBeta2, alphaWeightDecay, secondOrder, alphaFrozenEpochs, fixedAlpha, trainLimit,
                    split, evalBatches);
        }
    }
}
