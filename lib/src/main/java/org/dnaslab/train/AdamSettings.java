package org.dnaslab.train;

/**
 * Adam on the architecture parameters (α, and β when present), as DARTS steps them: learning rate, β1, β2 and L2
 * weight decay added to the gradient (not AdamW).
 */
public record AdamSettings(double learningRate, double beta1, double beta2, double weightDecay) {
    /** DARTS's architecture optimizer: 3e-4, β (0.5, 0.999), weight decay 1e-3. */
    public static final AdamSettings DARTS = new AdamSettings(3e-4, 0.5, 0.999, 1e-3);

    public AdamSettings {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("Adam learning rate must be finite and > 0, got " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam betas must be in [0, 1), got " + beta1 + " and " + beta2);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("Adam weight decay must be finite and >= 0, got " + weightDecay);
        }
    }

    @Override
    public String toString() {
        return "Adam(lr " + learningRate + ", betas " + beta1 + "/" + beta2 + ", wd " + weightDecay + ")";
    }
}
