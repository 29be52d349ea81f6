package org.dnaslab.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * How many steps a case times, the same rule as {@code bench/reference.py}'s {@code --max-seconds}: up to
 * {@code warmup} untimed steps, but warmup ends after one step once it has used a quarter of the budget; then up to
 * {@code repeats} timed steps, but they end once the budget is spent and at least {@link #MIN_REPEATS} are timed
 * (fewer only if {@code repeats} asks for fewer). So a slow case (DARTS-8) costs a bounded time on either side.
 */
public final class StepBudget {
    /** Timed steps a case keeps even when they overrun the budget. */
    public static final int MIN_REPEATS = 3;

    private final int warmup;
    private final int repeats;
    private final double budgetMs;
    private final List<Double> timed = new ArrayList<>();
    private int warmupDone;
    private double warmupMs;
    private double timedMs;
    private boolean warming;

    /**
     * @param maxSeconds the per-case budget of timed steps; {@code Double.POSITIVE_INFINITY} for none
     */
    public StepBudget(int warmup, int repeats, double maxSeconds) {
        if (warmup < 0 || repeats < 1 || !(maxSeconds > 0)) {
            throw new IllegalArgumentException("step budget: warmup must be >= 0, repeats >= 1 and max seconds > 0;"
                    + " got warmup " + warmup + ", repeats " + repeats + ", max seconds " + maxSeconds);
        }
        this.warmup = warmup;
        this.repeats = repeats;
        this.budgetMs = maxSeconds * 1000;
        this.warming = warmup > 0;
    }

    /** Records one step's wall time; returns whether the case is done (no further step wanted). */
    public boolean record(double millis) {
        if (warming) {
            warmupDone++;
            warmupMs += millis;
            warming = warmupDone < warmup && warmupMs <= budgetMs / 4;
            return false;
        }
        timed.add(millis);
        timedMs += millis;
        return done();
    }

    /** Whether no further step is wanted. */
    public boolean done() {
        return !warming && (timed.size() >= repeats
                || timed.size() >= Math.min(MIN_REPEATS, repeats) && timedMs > budgetMs);
    }

    /** The most steps this budget can ask for (to size synthetic data). */
    public int maxSteps() {
        return warmup + repeats;
    }

    /** Untimed steps run so far. */
    public int warmupDone() {
        return warmupDone;
    }

    /** Wall times of the timed steps, in order. */
    public double[] timed() {
        return timed.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
