package org.dnaslab.evaluate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Rank agreement between two scorings of the same items (e.g. the accuracies of the same architectures trained
 * with two seeds, or at two depths): Kendall's τ-b and Spearman's ρ, both handling ties, both in [−1, 1].
 */
public final class RankCorrelation {
    private RankCorrelation() {
    }

    /**
     * Kendall's τ-b = (C − D) / √((n₀ − n₁)(n₀ − n₂)), with C and D the concordant and discordant pairs,
     * n₀ = n(n − 1)/2 and n₁, n₂ the pairs tied in x and in y. Pairs tied in both count in neither C nor D.
     */
    public static double kendallTau(double[] x, double[] y) {
        check(x, y);
        int n = x.length;
        long concordant = 0;
        long discordant = 0;
        long tiedX = 0;
        long tiedY = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                int sx = Double.compare(x[i], x[j]);
                int sy = Double.compare(y[i], y[j]);
                if (sx == 0) {
                    tiedX++;
                }
                if (sy == 0) {
                    tiedY++;
                }
                if (sx != 0 && sy != 0) {
                    if (sx == sy) {
                        concordant++;
                    } else {
                        discordant++;
                    }
                }
            }
        }
        long pairs = (long) n * (n - 1) / 2;
        return (concordant - discordant) / Math.sqrt((double) (pairs - tiedX) * (pairs - tiedY));
    }

    /** Spearman's ρ: Pearson's correlation of the ranks, tied values sharing their average rank. */
    public static double spearmanRho(double[] x, double[] y) {
        check(x, y);
        return pearson(ranks(x), ranks(y));
    }

    /**
     * Kendall's τ-b between two scorings of the same items given by key, e.g. architecture → accuracy under two
     * seeds; the two maps must score exactly the same items.
     */
    public static <K> double kendallTau(Map<K, Double> a, Map<K, Double> b) {
        double[][] xy = paired(a, b);
        return kendallTau(xy[0], xy[1]);
    }

    /** Spearman's ρ between two scorings of the same items given by key. */
    public static <K> double spearmanRho(Map<K, Double> a, Map<K, Double> b) {
        double[][] xy = paired(a, b);
        return spearmanRho(xy[0], xy[1]);
    }

    private static <K> double[][] paired(Map<K, Double> a, Map<K, Double> b) {
        if (!a.keySet().equals(b.keySet())) {
            Set<K> onlyA = new LinkedHashSet<>(a.keySet());
            onlyA.removeAll(b.keySet());
            Set<K> onlyB = new LinkedHashSet<>(b.keySet());
            onlyB.removeAll(a.keySet());
            throw new IllegalArgumentException("rank correlation needs scorings of the same items; only in the first: "
                    + onlyA + ", only in the second: " + onlyB);
        }
        List<K> keys = new ArrayList<>(a.keySet());
        double[] x = new double[keys.size()];
        double[] y = new double[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            x[i] = a.get(keys.get(i));
            y[i] = b.get(keys.get(i));
        }
        return new double[][] {x, y};
    }

    /** 1-based ranks, ties given the mean of the ranks they span (the "fractional" ranking). */
    public static double[] ranks(double[] values) {
        int n = values.length;
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double[] ranks = new double[n];
        int start = 0;
        while (start < n) {
            int end = start;
            while (end + 1 < n && Double.compare(values[order[end + 1]], values[order[start]]) == 0) {
                end++;
            }
            double average = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) {
                ranks[order[k]] = average;
            }
            start = end + 1;
        }
        return ranks;
    }

    private static double pearson(double[] a, double[] b) {
        double ma = Arrays.stream(a).average().orElseThrow();
        double mb = Arrays.stream(b).average().orElseThrow();
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    private static void check(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("rank correlation needs two scorings of the same items, got "
                    + x.length + " and " + y.length + " values");
        }
        if (x.length < 2) {
            throw new IllegalArgumentException("rank correlation needs at least 2 items, got " + x.length);
        }
        allFinite(x, "first");
        allFinite(y, "second");
        allTied(x, "first");
        allTied(y, "second");
    }

    private static void allFinite(double[] v, String which) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException("rank correlation: the " + which + " scoring has " + v[i]
                        + " at index " + i);
            }
        }
    }

    private static void allTied(double[] v, String which) {
        for (double d : v) {
            if (Double.compare(d, v[0]) != 0) {
                return;
            }
        }
        throw new IllegalArgumentException("rank correlation is undefined: all " + v.length + " values of the "
                + which + " scoring are tied (" + v[0] + "), so it ranks nothing");
    }
}
