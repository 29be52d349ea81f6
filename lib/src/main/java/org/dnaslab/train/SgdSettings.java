package org.dnaslab.train;

/**
 * SGD with momentum on the weights, as DARTS, PT and NB201 train them: the base learning rate (a
 * {@link LrSchedule} moves it over a training), momentum, L2 weight decay and the clip of the weight gradients'
 * global L2 norm (0 = off).
 */
public record SgdSettings(double learningRate, double momentum, double weightDecay, double gradClip) {
    /** DARTS's search settings: 0.025, momentum 0.9, weight decay 3e-4, clip 5. */
    public static final SgdSettings DARTS = new SgdSettings(0.025, 0.9, 3e-4, 5);

    public SgdSettings {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("SGD learning rate must be finite and > 0, got " + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weight decay must be finite and >= 0, got " + weightDecay);
        }
        if (!(gradClip >= 0) || Double.isInfinite(gradClip)) {
            throw new IllegalArgumentException("gradient clip must be finite and >= 0 (0 = off), got " + gradClip);
        }
    }

    public SgdSettings withLearningRate(double rate) {
        return new SgdSettings(rate, momentum, weightDecay, gradClip);
    }

    @Override
    public String toString() {
        return "SGD(lr " + learningRate + ", momentum " + momentum + ", wd " + weightDecay + ", clip " + gradClip + ")";
    }
}
