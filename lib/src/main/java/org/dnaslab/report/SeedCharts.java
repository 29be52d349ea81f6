package org.dnaslab.report;

import org.dnaslab.evaluate.SampleStats;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Charts of values measured over seeds, one call each: the mean with its spread as error bars, and every value as a
 * dot (a strip plot), so that a reader sees how much a seed changes the picture. Groups keep the order of the map
 * they come in (use a {@link LinkedHashMap}).
 *
 * <pre>{@code
 * var gaps = new LinkedHashMap<String, List<Double>>();
 * gaps.put("λ = 0", List.of(0.31, 0.28, 0.35));
 * gaps.put("λ = 0.2", List.of(0.05, 0.02, 0.07));
 * SeedCharts.meanAndSpread("Discretization gap over seeds", "accuracy gap", gaps)
 * }</pre>
 */
public final class SeedCharts {
    private SeedCharts() {
    }

    /**
     * One bar per group at the mean of its values, with ± one sample standard deviation as the error bar (none for a
     * group of one value); each category label says how many values it averages.
     *
     * @throws IllegalArgumentException when there is no group, a group is empty or holds a value that is not finite
     */
    public static CategoryChart meanAndSpread(String title, String valueLabel, Map<String, ? extends List<Double>> groups) {
        return groupedMeanAndSpread(title, valueLabel, Map.of("mean ± std", groups));
    }

    /**
     * Grouped bars of means with ± one standard deviation: one series per entry of {@code series} (e.g. "supernet
     * accuracy", "gap"), each over the same groups (e.g. the methods).
     *
     * @throws IllegalArgumentException when the series do not share their groups, or a group is empty or not finite
     */
    public static CategoryChart groupedMeanAndSpread(String title, String valueLabel,
                                                     Map<String, ? extends Map<String, ? extends List<Double>>> series) {
        if (series.isEmpty()) {
            throw new IllegalArgumentException("chart '" + title + "': no series");
        }
        Plot.Bars bars = Plot.bars(title).axes("", valueLabel);
        List<String> groupNames = null;
        for (var s : series.entrySet()) {
            Map<String, ? extends List<Double>> groups = s.getValue();
            List<String> names = new ArrayList<>(groups.keySet());
            if (groupNames == null) {
                groupNames = names;
            } else if (!groupNames.equals(names)) {
                throw new IllegalArgumentException("chart '" + title + "': series '" + s.getKey() + "' has the groups "
                        + names + ", the first series " + groupNames);
            }
            double[] means = new double[names.size()];
            double[] spreads = new double[names.size()];
            List<String> labels = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                SampleStats stats = SampleStats.of(checked(title, names.get(i), groups.get(names.get(i))));
                means[i] = stats.mean();
                spreads[i] = stats.n() < 2 ? 0 : stats.std();
                labels.add(names.get(i) + " (n=" + stats.n() + ")");
            }
            bars.series(s.getKey(), labels, means, spreads);
        }
        if (groupNames.size() > 3) {
            bars.rotateLabels(30);
        }
        return bars.chart();
    }

    /**
     * Every value as a dot, one column of dots per group (spread sideways so equal values stay visible), and the
     * group's mean as a short dash.
     *
     * @throws IllegalArgumentException when there is no group, a group is empty or holds a value that is not finite
     */
    public static XYChart strip(String title, String valueLabel, Map<String, ? extends List<Double>> groups) {
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("chart '" + title + "': no groups");
        }
        Plot.Lines lines = Plot.lines(title).axes("group (1 = " + groups.keySet().iterator().next() + ")", valueLabel);
        int g = 0;
        for (var e : groups.entrySet()) {
            List<Double> values = checked(title, e.getKey(), e.getValue());
            g++;
            double[] x = new double[values.size()];
            double[] y = new double[values.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = g + jitter(i, x.length);
                y[i] = values.get(i);
            }
            lines.series(e.getKey() + " (" + values.size() + ")", x, y).markersOnly();
            double mean = SampleStats.of(values).mean();
            lines.series(e.getKey() + " mean", new double[] {g - 0.25, g + 0.25}, new double[] {mean, mean})
                    .color(Plot.PALETTE.get(Plot.PALETTE.size() - 1), false);
        }
        return lines.chart();
    }

    /** Sideways offset of the i-th of n dots: spread evenly over ±0.15 around the group's position. */
    static double jitter(int i, int n) {
        return n < 2 ? 0 : -0.15 + 0.3 * i / (n - 1);
    }

    private static List<Double> checked(String title, String group, List<Double> values) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("chart '" + title + "': group '" + group + "' has no values");
        }
        for (Double v : values) {
            if (v == null || !Double.isFinite(v)) {
                throw new IllegalArgumentException("chart '" + title + "': group '" + group
                        + "' holds a value that is not a finite number: " + values);
            }
        }
        return values;
    }

    /** A map of groups in the order given: {@code SeedCharts.groups("λ = 0", a, "λ = 0.2", b)}. */
    public static Map<String, List<Double>> groups(Object... nameThenValues) {
        if (nameThenValues.length == 0 || nameThenValues.length % 2 != 0) {
            throw new IllegalArgumentException("groups: expected name, values, name, values, ...; got "
                    + nameThenValues.length + " arguments");
        }
        Map<String, List<Double>> out = new LinkedHashMap<>();
        for (int i = 0; i < nameThenValues.length; i += 2) {
            if (!(nameThenValues[i] instanceof String name) || !(nameThenValues[i + 1] instanceof List<?> list)) {
                throw new IllegalArgumentException("groups: argument " + i + " must be a name and argument " + (i + 1)
                        + " a list of numbers");
            }
            List<Double> values = new ArrayList<>();
            for (Object o : list) {
                if (!(o instanceof Number n)) {
                    throw new IllegalArgumentException("groups: group '" + name + "' holds " + o + ", not a number");
                }
                values.add(n.doubleValue());
            }
            out.put(name, values);
        }
        return out;
    }
}
