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

        public Builder setSpace(String space) {
            supernet.setSpace(space);
            return this;
        }

        public Builder optSupernet(SupernetConfig config) {
            this.supernetConfig = config;
            return this;
        }

        public Builder optChannels(int c) {
            supernet.optChannels(c);
            return this;
        }

        public Builder optCells(int n) {
            supernet.optCells(n);
            return this;
        }

        public Builder optInput(int channels, int size) {
            supernet.optInput(channels, size);
            return this;
        }

        public Builder optClasses(int classes) {
            supernet.optClasses(classes);
            return this;
        }

        public Builder optSeed(long seed) {
            supernet.optSeed(seed);
            return this;
        }

        public Builder optEdgeWeights(boolean on) {
            supernet.optEdgeWeights(on);
            return this;
        }

        public Builder setEpochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        public Builder optBatchSize(int b) {
            this.batchSize = b;
            return this;
        }

        public Builder optWeightLr(double max, double min) {
            this.weightLr = max;
            this.weightLrMin = min;
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

        public Builder optAlphaLr(double lr) {
            this.alphaLr = lr;
            return this;
        }

        public Builder optAlphaBetas(double b1, double b2) {
            this.alphaBeta1 = b1;
            this.alphaBeta2 = b2;
            return this;
        }

        public Builder optAlphaWeightDecay(double wd) {
            this.alphaWeightDecay = wd;
            return this;
        }

        public Builder optSecondOrder(boolean on) {
            this.secondOrder = on;
            return this;
        }

        public Builder optAlphaFrozenEpochs(int n) {
            this.alphaFrozenEpochs = n;
            return this;
        }

        public Builder optFixedAlpha(boolean on) {
            this.fixedAlpha = on;
            return this;
        }

        public Builder optTrainLimit(int n) {
            this.trainLimit = n;
            return this;
        }

        public Builder optSplit(String name) {
            this.split = name;
            return this;
        }

        public Builder optEvalBatches(int n) {
            this.evalBatches = n;
            return this;
        }

        public SearchConfig build() {
            SupernetConfig s = supernetConfig != null ? supernetConfig : supernet.build();
            return new SearchConfig(s, epochs, batchSize, weightLr, weightLrMin, momentum, weightDecay, gradClip, alphaLr,
                    alphaBeta1, alphaBeta2, alphaWeightDecay, secondOrder, alphaFrozenEpochs, fixedAlpha, trainLimit,
                    split, evalBatches);
        }
    }
}
