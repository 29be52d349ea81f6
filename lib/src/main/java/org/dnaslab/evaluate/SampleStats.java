package org.dnaslab.evaluate;

import java.util.List;
import java.util.Locale;

/**
 * Mean and sample standard deviation (n − 1 in the denominator) of a few numbers, e.g. accuracies over seeds.
 * The standard deviation of a single number is NaN: one run says nothing about spread.
 */
public record SampleStats(int n, double mean, double std, double min, double max) {

    public static SampleStats of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("statistics of no values are undefined");
        }
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        int n = values.size();
        double mean = sum / n;
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        return new SampleStats(n, mean, n < 2 ? Double.NaN : Math.sqrt(ss / (n - 1)), min, max);
    }

    /** "0.8120 ± 0.0150 (n=4)" */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.4f ± %.4f (n=%d)", mean, std, n);
    }
}
