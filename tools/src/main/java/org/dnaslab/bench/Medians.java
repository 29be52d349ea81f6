package org.dnaslab.bench;

import java.util.Arrays;

/** Order statistics of repeated timings. */
public record Medians(double median, double p10, double p90, int n) {
    public static Medians of(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return new Medians(quantile(v, 0.5), quantile(v, 0.1), quantile(v, 0.9), v.length);
    }

    /** Half the p10–p90 spread: the "±" printed next to a median. */
    public double halfSpread() {
        return (p90 - p10) / 2;
    }

        private static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}
