package org.dnaslab.evaluate;

import java.util.Objects;

/**
 * How the weights' learning rate moves over training: constant, or cosine annealing from the base rate down to
 * {@code minLearningRate} at the last epoch (SGDR without restarts, as DARTS and NB201 train).
 */
public record LrSchedule(Kind kind, double minLearningRate) {

    public enum Kind {
        CONSTANT,
        COSINE
    }

    public LrSchedule {
        Objects.requireNonNull(kind, "learning-rate schedule kind");
        if (!(minLearningRate >= 0) || Double.isInfinite(minLearningRate)) {
            throw new IllegalArgumentException("the learning-rate schedule's minimum must be finite and >= 0, got "
                    + minLearningRate);
        }
        if (kind == Kind.CONSTANT && minLearningRate != 0) {
            throw new IllegalArgumentException("a constant learning-rate schedule has no minimum, got " + minLearningRate);
        }
    }

    /** Cosine annealing to {@code minLearningRate}. */
    public static LrSchedule cosine(double minLearningRate) {
        return new LrSchedule(Kind.COSINE, minLearningRate);
    }

    public static LrSchedule constant() {
        return new LrSchedule(Kind.CONSTANT, 0);
    }

    /**
     * The rate for {@code epoch} (0-based) of {@code epochs}: cosine gives {@code min + (base − min)(1 + cos(π·e/E))/2},
     * so epoch 0 trains at the base rate and the rate would reach the minimum after the last epoch.
     */
    public double learningRate(double base, int epoch, int epochs) {
        if (epochs < 1 || epoch < 0 || epoch >= epochs) {
            throw new IllegalArgumentException("epoch " + epoch + " is outside 0.." + (epochs - 1));
        }
        return switch (kind) {
            case CONSTANT -> base;
            case COSINE -> minLearningRate + (base - minLearningRate) * (1 + Math.cos(Math.PI * epoch / epochs)) / 2;
        };
    }

    /** "cosine to 0.001" or "constant". */
    public String describe() {
        return kind == Kind.CONSTANT ? "constant" : "cosine to " + TrainingProtocol.plain(minLearningRate);
    }
}
