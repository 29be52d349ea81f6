package org.dnaslab.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How the weights' learning rate moves over a training: constant, or cosine annealing from the base rate down to
 * {@code minLearningRate} (SGDR without restarts, as DARTS and NB201 train), annealed once per epoch (DARTS's
 * scheduler steps after each epoch; every preset and every search uses this) or after every step (the position is
 * the fractional epoch {@code epoch + step / steps}).
 *
 * <p>The base rate is not part of the schedule: it belongs to the optimizer settings ({@link SgdSettings}). The JSON
 * form is {@code {"kind":"COSINE","minLearningRate":0.001}}, with {@code "annealing":"PER_STEP"} added only for
 * per-step annealing, so records written before per-step annealing existed read (and fingerprint) as before.
 */
public record LrSchedule(Kind kind, double minLearningRate, Annealing annealing) {

    /** The shape of the schedule. */
    public enum Kind {
        CONSTANT,
        COSINE
    }

    /** When the schedule moves: after each epoch, or after each step. */
    public enum Annealing {
        PER_EPOCH,
        PER_STEP
    }

    private static final Set<String> JSON_FIELDS = Set.of("kind", "minLearningRate", "annealing");

    public LrSchedule {
        Objects.requireNonNull(kind, "learning-rate schedule kind");
        Objects.requireNonNull(annealing, "learning-rate schedule annealing");
        if (!(minLearningRate >= 0) || Double.isInfinite(minLearningRate)) {
            throw new IllegalArgumentException("the learning-rate schedule's minimum must be finite and >= 0, got "
                    + minLearningRate);
        }
        if (kind == Kind.CONSTANT && minLearningRate != 0) {
            throw new IllegalArgumentException("a constant learning-rate schedule has no minimum, got " + minLearningRate);
        }
    }

    /** Cosine annealing to {@code minLearningRate}, once per epoch. */
    public static LrSchedule cosine(double minLearningRate) {
        return new LrSchedule(Kind.COSINE, minLearningRate, Annealing.PER_EPOCH);
    }

    /** Cosine annealing to {@code minLearningRate} after every step (fractional epochs). */
    public static LrSchedule cosinePerStep(double minLearningRate) {
        return new LrSchedule(Kind.COSINE, minLearningRate, Annealing.PER_STEP);
    }

    /** The base rate in every epoch and step (no minimum). */
    public static LrSchedule constant() {
        return new LrSchedule(Kind.CONSTANT, 0, Annealing.PER_EPOCH);
    }

    /** This schedule annealed the other way ({@link Annealing#PER_EPOCH} or {@link Annealing#PER_STEP}). */
    public LrSchedule withAnnealing(Annealing a) {
        return new LrSchedule(kind, minLearningRate, a);
    }

    /**
     * The rate for {@code epoch} (0-based) of {@code epochs}: cosine gives {@code min + (base − min)(1 + cos(π·e/E))/2},
     * so epoch 0 trains at the base rate and the rate would reach the minimum after the last epoch.
     *
     * @throws IllegalArgumentException when the epoch is outside 0..epochs − 1
     */
    public double learningRate(double base, int epoch, int epochs) {
        return learningRate(base, epoch, 0, 1, epochs);
    }

    /**
     * The rate for step {@code step} of {@code steps} in {@code epoch} of {@code epochs}: per epoch, every step of an
     * epoch gets the epoch's rate; per step, the cosine is taken at {@code epoch + step / steps}.
     */
    public double learningRate(double base, int epoch, int step, int steps, int epochs) {
        if (epochs < 1 || epoch < 0 || epoch >= epochs) {
            throw new IllegalArgumentException("epoch " + epoch + " is outside 0.." + (epochs - 1));
        }
        if (steps < 1 || step < 0 || step >= steps) {
            throw new IllegalArgumentException("step " + step + " is outside 0.." + (steps - 1));
        }
        return at(base, annealing == Annealing.PER_STEP ? epoch + (double) step / steps : epoch, epochs);
    }

    /**
     * The rate at {@code position} epochs into a schedule of {@code epochs}; a position past the end keeps the last
     * rate of the curve (the minimum), so a training that runs on past its schedule does not climb again.
     */
    public double at(double base, double position, int epochs) {
        if (kind == Kind.CONSTANT || epochs <= 0) {
            return base;
        }
        return minLearningRate + (base - minLearningRate) * (1 + Math.cos(Math.PI * Math.min(position, epochs) / epochs))
                / 2;
    }

    /** "cosine to 0.001", "cosine to 0 per step" or "constant". */
    public String describe() {
        if (kind == Kind.CONSTANT) {
            return "constant";
        }
        return "cosine to " + BigDecimal.valueOf(minLearningRate).stripTrailingZeros().toPlainString()
                + (annealing == Annealing.PER_STEP ? " per step" : "");
    }

    /** The JSON form: the annealing appears only when it is per step (see the class comment). */
    @JsonValue
    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("minLearningRate", minLearningRate);
        if (annealing != Annealing.PER_EPOCH) {
            m.put("annealing", annealing);
        }
        return m;
    }

    /** Reads {@link #toJson()}'s form strictly: "kind" and "minLearningRate" required, no field beyond the three. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static LrSchedule fromJson(Map<String, Object> json) {
        for (String key : json.keySet()) {
            if (!JSON_FIELDS.contains(key)) {
                throw new IllegalArgumentException("learning-rate schedule: unknown field \"" + key + "\" (expected "
                        + "kind, minLearningRate and optionally annealing)");
            }
        }
        Object kind = json.get("kind");
        Object min = json.get("minLearningRate");
        if (!(kind instanceof String) || !(min instanceof Number)) {
            throw new IllegalArgumentException("learning-rate schedule: needs \"kind\" (CONSTANT or COSINE) and a "
                    + "numeric \"minLearningRate\", got " + json);
        }
        Object annealing = json.getOrDefault("annealing", Annealing.PER_EPOCH.name());
        return new LrSchedule(enumValue(Kind.class, kind, "kind"), ((Number) min).doubleValue(),
                enumValue(Annealing.class, annealing, "annealing"));
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, Object value, String field) {
        try {
            return Enum.valueOf(type, String.valueOf(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("learning-rate schedule: \"" + field + "\" must be one of "
                    + java.util.Arrays.toString(type.getEnumConstants()) + ", got " + value, e);
        }
    }
}
