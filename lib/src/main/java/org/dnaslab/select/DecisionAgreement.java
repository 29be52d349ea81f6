package org.dnaslab.select;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Whether two selections of the same supernet (PT's fast and naive paths, say) took the same decisions from the same
 * scores, up to float32 rounding. The paths compute the same sums in another order, so on some CPUs a logit differs
 * in its last bits and an image whose two best logits are that close can change its prediction. Scores therefore
 * agree within a tolerance (for accuracies: one image's worth), and decisions must be the same wherever the chosen
 * candidate's score is further than the tolerance from the other path's choice. Where two candidates tie within the
 * tolerance either may be chosen; the selections then start their next decisions from different supernets, so the
 * comparison stops there and says so.
 *
 * @param compared          decisions compared
 * @param largestDifference the largest difference between two scores (or baselines) of the same candidate
 * @param mismatch          the first disagreement beyond rounding, or null if there is none
 * @param tieAt             the decision where the two chose differently between candidates that tie within the
 *                          tolerance (comparison stopped there), or -1
 */
public record DecisionAgreement(int compared, double largestDifference, String mismatch, int tieAt) {

    /** Whether the selections agree up to rounding. */
    public boolean agree() {
        return mismatch == null;
    }

    /** Whether every decision and every score was the same to the last bit. */
    public boolean identical() {
        return agree() && tieAt < 0 && largestDifference == 0;
    }

    /** "identical", "agree (scores within …)", "agree up to a tie at decision …", or the mismatch. */
    public String describe() {
        if (!agree()) {
            return "DIFFER: " + mismatch;
        }
        if (identical()) {
            return "identical";
        }
        String within = String.format(Locale.ROOT, "scores within %.4g", largestDifference);
        return tieAt < 0 ? "agree (" + within + ")"
                : "agree up to a tie within rounding at decision " + tieAt + " (" + within + ")";
    }

    /**
     * Compares {@code actual} with {@code expected} decision by decision.
     *
     * @param tolerance the largest score difference that rounding can explain; for accuracies measured on
     *                  {@code n} images use {@code 1.0 / n} (one prediction flipped)
     */
    public static DecisionAgreement of(Selection expected, Selection actual, double tolerance) {
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("tolerance must be >= 0, got " + tolerance);
        }
        List<EdgeDecision> e = expected.decisions();
        List<EdgeDecision> a = actual.decisions();
        double largest = 0;
        for (int i = 0; i < Math.min(e.size(), a.size()); i++) {
            EdgeDecision x = e.get(i);
            EdgeDecision y = a.get(i);
            if (x.kind() != y.kind() || x.cellType() != y.cellType() || !x.target().equals(y.target())
                    || !x.scores().keySet().equals(y.scores().keySet())) {
                return new DecisionAgreement(i, largest, "decision " + i + " is " + describe(x) + " in one and "
                        + describe(y) + " in the other", -1);
            }
            double baseline = difference(x.baseline(), y.baseline());
            largest = Math.max(largest, baseline);
            if (baseline > tolerance) {
                return new DecisionAgreement(i, largest, "decision " + i + " (" + x.target() + "): baseline "
                        + x.baseline() + " vs " + y.baseline(), -1);
            }
            for (String k : x.scores().keySet()) {
                double d = difference(x.scores().get(k), y.scores().get(k));
                largest = Math.max(largest, d);
                if (d > tolerance) {
                    return new DecisionAgreement(i, largest, "decision " + i + " (" + x.target() + "), candidate " + k
                            + ": score " + x.scores().get(k) + " vs " + y.scores().get(k), -1);
                }
            }
            if (!x.chosen().equals(y.chosen())) {
                boolean tie = difference(x.scores().get(x.chosen()), x.scores().get(y.chosen())) <= tolerance
                        && difference(y.scores().get(x.chosen()), y.scores().get(y.chosen())) <= tolerance;
                if (!tie) {
                    return new DecisionAgreement(i, largest, "decision " + i + " (" + x.target() + ") chose "
                            + x.chosen() + " vs " + y.chosen() + ", scores " + x.scores() + " vs " + y.scores(), -1);
                }
                return new DecisionAgreement(i + 1, largest, null, i);
            }
        }
        if (e.size() != a.size()) {
            return new DecisionAgreement(Math.min(e.size(), a.size()), largest, e.size() + " decisions vs " + a.size(),
                    -1);
        }
        return new DecisionAgreement(e.size(), largest, null, -1);
    }

    private static double difference(double x, double y) {
        // NaN against NaN is the same outcome; NaN against a number is not
        if (Double.isNaN(x) && Double.isNaN(y)) {
            return 0;
        }
        double d = Math.abs(x - y);
        return Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
    }

    private static String describe(EdgeDecision d) {
        return Objects.toString(d.kind()) + " " + d.cellType() + " " + d.target() + " over " + d.scores().keySet();
    }
}
