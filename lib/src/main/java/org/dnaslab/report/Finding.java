package org.dnaslab.report;

import org.apache.commons.math3.distribution.TDistribution;
import org.dnaslab.evaluate.SampleStats;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A claim measured over seeds at one budget: the effect per seed, its mean and 95 % interval, and the
 * {@link Verdict}. Notebooks end with one; {@code ./lab reproduce} gathers them (see {@link Findings}).
 *
 * <pre>{@code
 * var finding = Finding.of(claim, budget.name(), seeds, gapsPerSeed, seconds);
 * finding          // shows as a table in a notebook, and as its verdict line in text
 * Findings.save(finding);
 * }</pre>
 *
 * @param claim   what is claimed, and how the effect is compared
 * @param budget  the budget's name ({@code quick}, {@code laptop}, {@code paper} or one's own)
 * @param seeds   the seeds, one per value
 * @param values  the measured effect per seed, finite
 * @param seconds wall time of the measurement
 */
public record Finding(Claim claim, String budget, List<Long> seeds, List<Double> values, double seconds) {
    /** The interval's confidence. */
    public static final double CONFIDENCE = 0.95;

    /** Requires the claim, the budget's name and one finite value per seed; copies the lists. */
    public Finding {
        Objects.requireNonNull(claim, "finding: claim");
        if (budget == null || budget.isBlank()) {
            throw new IllegalArgumentException("finding " + claim.id() + ": the budget's name is required");
        }
        seeds = List.copyOf(seeds);
        values = List.copyOf(values);
        if (values.isEmpty() || seeds.size() != values.size()) {
            throw new IllegalArgumentException("finding " + claim.id() + ": one value per seed is needed, got "
                    + values.size() + " values for " + seeds.size() + " seeds");
        }
        for (int i = 0; i < values.size(); i++) {
            if (!Double.isFinite(values.get(i))) {
                throw new IllegalArgumentException("finding " + claim.id() + ": seed " + seeds.get(i)
                        + " measured " + values.get(i) + "; a verdict needs finite values");
            }
        }
    }

    /** A finding with its values in seed order. */
    public static Finding of(Claim claim, String budget, List<Long> seeds, List<Double> values, double seconds) {
        return new Finding(claim, budget, seeds, values, seconds);
    }

    /**
     * A finding of paired differences: {@code values[i] = treated[i] - baseline[i]}, both measured with seed
     * {@code seeds[i]} (e.g. PT's accuracy minus magnitude's on the same supernet).
     *
     * @throws IllegalArgumentException when the three lists differ in length
     */
    public static Finding ofDifferences(Claim claim, String budget, List<Long> seeds, List<Double> treated,
                                        List<Double> baseline, double seconds) {
        if (treated.size() != seeds.size() || baseline.size() != seeds.size()) {
            throw new IllegalArgumentException("finding " + claim.id() + ": one treated and one baseline value per seed"
                    + " are needed, got " + treated.size() + " and " + baseline.size() + " for " + seeds.size()
                    + " seeds");
        }
        List<Double> differences = new java.util.ArrayList<>();
        for (int i = 0; i < seeds.size(); i++) {
            differences.add(treated.get(i) - baseline.get(i));
        }
        return new Finding(claim, budget, seeds, differences, seconds);
    }

    /** Mean and sample standard deviation of the values (the statistics every seed table of the project uses). */
    public SampleStats stats() {
        return SampleStats.of(values);
    }

    /** Mean of the values over seeds. */
    public double mean() {
        return stats().mean();
    }

    /** Sample standard deviation (n − 1); NaN for one seed. */
    public double std() {
        return stats().std();
    }

    /** Half-width of the 95 % Student-t interval of the mean; NaN for one seed. */
    public double halfWidth() {
        int n = values.size();
        if (n < 2) {
            return Double.NaN;
        }
        double t = new TDistribution(n - 1).inverseCumulativeProbability(0.5 + CONFIDENCE / 2);
        return t * std() / Math.sqrt(n);
    }

    /** Lower end of the 95 % interval of the mean ({@link #mean()} − {@link #halfWidth()}); NaN for one seed. */
    public double low() {
        return mean() - halfWidth();
    }

    /** Upper end of the 95 % interval of the mean ({@link #mean()} + {@link #halfWidth()}); NaN for one seed. */
    public double high() {
        return mean() + halfWidth();
    }

    /** The verdict: the rule is {@link Verdict}'s. */
    public Verdict verdict() {
        if (values.size() < 2) {
            return Verdict.INCONCLUSIVE;
        }
        boolean lowHolds = claim.holdsFor(low());
        boolean highHolds = claim.holdsFor(high());
        if (lowHolds && highHolds) {
            return Verdict.REPRODUCED;
        }
        if (!lowHolds && !highHolds && low() != claim.threshold() && high() != claim.threshold()) {
            return Verdict.NOT_REPRODUCED;
        }
        return Verdict.INCONCLUSIVE;
    }

    /** "0.123 [0.045, 0.201]" (mean and 95 % interval), or the single value. */
    public String measured() {
        return values.size() < 2 ? format(mean()) : format(mean()) + " [" + format(low()) + ", " + format(high()) + "]";
    }

    /**
     * The line a notebook prints last, e.g. {@code verdict: reproduced — PT's gap minus magnitude's = -0.21
     * [-0.30, -0.12] (95 % interval, 3 seeds, laptop budget); claimed < 0 (darts-pt, Table 2)}.
     */
    public String verdictLine() {
        return "verdict: " + verdict().label() + " — " + claim.effect() + " = " + measured() + " ("
                + (values.size() < 2 ? "1 seed" : "95 % interval, " + values.size() + " seeds") + ", " + budget
                + " budget); claimed " + (claim.above() ? "> " : "< ") + threshold(claim.threshold()) + " ("
                + claim.source() + ")";
    }

    /** A small self-contained HTML table: claim, source, the paper's figure, ours, verdict. */
    public String toHtml() {
        return "<table class=\"dnaslab-finding\">"
                + row("claim", claim.statement())
                + row("source", claim.source())
                + row("paper", claim.paper())
                + row("measured", claim.effect() + " = " + measured() + ", " + seeds.size() + " seeds, " + budget
                + " budget, " + Findings.minutes(seconds))
                + "<tr><th style=\"text-align:left\">verdict</th><td style=\"text-align:left;font-weight:bold;color:"
                + colour(verdict()) + "\">" + Html.escape(verdict().label()) + "</td></tr></table>";
    }

    private static String row(String header, String value) {
        return "<tr><th style=\"text-align:left\">" + header + "</th><td style=\"text-align:left\">"
                + Html.escape(value) + "</td></tr>";
    }

    static String colour(Verdict v) {
        return switch (v) {
            case REPRODUCED -> "#1b7a1b";
            case NOT_REPRODUCED -> "#b22222";
            case INCONCLUSIVE -> "#8a6d00";
        };
    }

    /** A claim's threshold as it was written: 0, 0.5 or 2, not 0.000. */
    static String threshold(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v)
                : java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** Numbers as a reader wants them: 3 significant decimals, no float noise. */
    static String format(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (v != 0 && Math.abs(v) < 0.001) {
            return String.format(Locale.ROOT, "%.2e", v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.3f", v);
    }

    @Override
    public String toString() {
        return verdictLine();
    }
}
