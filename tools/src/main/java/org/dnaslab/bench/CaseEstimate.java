package org.dnaslab.bench;

import java.util.Map;

/**
 * Rough seconds a case will take, printed before it runs so that a user knows what they started. The per-step
 * seconds are rough figures for a quiet 2-core machine (this project's earlier bench runs, and guesses scaled by
 * FLOPs for the cases added since); a loaded machine takes several times longer. They only size the wait: no
 * figure of the bench is derived from them.
 */
public final class CaseEstimate {
    /** Starting a JVM with the engine, or Python with torch and a model. */
    static final double PROCESS_START_S = 6;

    private static final int DARTS_PT_DECISIONS = 40;

    /**
     * Step seconds: this side, reference NCHW, reference channels-last (medians of the idle 2026-12-01 run on an AMD
     * EPYC, 2 threads, rounded up).
     */
    private static final Map<String, double[]> STEP_SECONDS = Map.of(
            "nb201_n1", new double[] {0.35, 0.45, 0.3},
            "nb201_n5", new double[] {1.6, 3.0, 1.5},
            "darts8", new double[] {7.5, 11.5, 6.6},
            "laptop_search", new double[] {0.21, 0.26, 0.19},
            "gt_train", new double[] {0.13, 0.11, 0.08},
            "tiny", new double[] {0.05, 0.05, 0.05});

    private CaseEstimate() {
    }

    /** Rough seconds of one step on this side, or NaN for an unknown case. */
    public static double stepSeconds(String stepCase) {
        double[] s = STEP_SECONDS.get(stepCase);
        return s == null ? Double.NaN : s[0];
    }

    /**
     * A step case: for each side that runs, a fresh process plus the steps the {@link StepBudget} rule allows.
     *
     * @param layouts reference layouts that run (0, 1 or 2)
     */
    public static double stepCase(String stepCase, int warmup, int repeats, double maxSeconds, int layouts) {
        double[] s = STEP_SECONDS.get(stepCase);
        if (s == null) {
            return Double.NaN;
        }
        double total = side(s[0], warmup, repeats, maxSeconds);
        if (layouts >= 1) {
            total += side(s[1], warmup, repeats, maxSeconds);
        }
        if (layouts >= 2) {
            total += side(s[2], warmup, repeats, maxSeconds);
        }
        return total;
    }

    /** One side's process: start, warmup (one step once a quarter of the budget is used), timed steps. */
    static double side(double step, int warmup, int repeats, double maxSeconds) {
        double warm = warmup == 0 ? 0 : Math.min(warmup * step, Math.max(step, Math.ceil(maxSeconds / 4 / step) * step));
        int minTimed = Math.min(StepBudget.MIN_REPEATS, repeats);
        double timed = Math.min(repeats * step, Math.max(minTimed * step, (Math.floor(maxSeconds / step) + 1) * step));
        return PROCESS_START_S + warm + timed;
    }

    /** The NB201 PT case: the search that trains the supernet, then (repeats + 1) passes of each path. */
    public static double pt(int trainSteps, int repeats) {
        return PROCESS_START_S + trainSteps * stepSeconds("nb201_n1") + (repeats + 1) * (6.5 + 4.6);
    }

    /**
     * The DARTS PT case, scaled from darts8 by channels², cells and batch (overhead makes small networks slower
     * than this scaling says, so it is floored).
     */
    public static double ptDarts(int channels, int cells, int batch, int trainSteps, int valBatches, int repeats) {
        double scale = Math.pow(channels / 16.0, 1.5) * cells / 8.0 * batch / 64.0;
        double step = Math.max(0.5, stepSeconds("darts8") * scale);
        // a small DARTS forward is some 500 op calls: per-op overhead sets a floor
        double forward = Math.max(0.08, step / 6);
        // 28 op decisions and about 12 topology decisions, a forward per candidate each; the fast path about 0.6 of
        // the naive loop
        double pass = DARTS_PT_DECISIONS * 8 * valBatches * forward;
        return PROCESS_START_S + trainSteps * step + (repeats + 1) * 1.6 * pass;
    }

    /** The memory case: its steps in a fresh process. */
    public static double memory(String network, int steps) {
        return PROCESS_START_S + steps * stepSeconds(network);
    }

    /** Kernel start: installing the kernelspec, then each start, first cell and shutdown. */
    public static double kernelStart(int repeats) {
        return 5 + repeats * 5;
    }
}
