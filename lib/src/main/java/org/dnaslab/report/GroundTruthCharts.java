package org.dnaslab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.dnaslab.evaluate.GroundTruth;
import org.dnaslab.evaluate.GroundTruthRow;
import org.dnaslab.space.Architecture;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Selected cells judged by the ground-truth table: their stand-alone accuracy and percentile, and where they fall
 * in the table's accuracy distribution. A cell the table lacks is shown as missing with the command that adds it,
 * so a notebook never stops on a lookup.
 * <pre>{@code
 * GroundTruth gt = GroundTruth.load();
 * Map<String, Architecture> picked = Map.of("magnitude", mag.architecture(), "PT", pt.architecture());
 * display(GroundTruthCharts.table(gt, picked));
 * display(GroundTruthCharts.histogram(gt, picked));
 * }</pre>
 */
public final class GroundTruthCharts {
    private static final int BINS = 30;

    private GroundTruthCharts() {
    }

    /**
     * One row per selected cell, in the map's order: who selected it, the cell, its mean stand-alone accuracy, the
     * accuracy per seed, its percentile among the table's cells (0 worst, 100 best), and, for a cell the table
     * lacks, the command that trains it in (accuracy and percentile then missing).
     */
    public static Table table(GroundTruth truth, Map<String, Architecture> selected) {
        StringColumn who = StringColumn.create("selected by");
        StringColumn cell = StringColumn.create("cell");
        DoubleColumn accuracy = DoubleColumn.create("stand-alone accuracy");
        StringColumn seeds = StringColumn.create("per seed");
        DoubleColumn percentile = DoubleColumn.create("percentile");
        StringColumn note = StringColumn.create("note");
        for (Map.Entry<String, Architecture> e : selected.entrySet()) {
            Architecture a = e.getValue();
            who.append(e.getKey());
            cell.append(a.toText());
            if (truth.contains(a)) {
                GroundTruthRow row = truth.row(a);
                accuracy.append(row.mean());
                seeds.append(row.accuracies().entrySet().stream()
                        .map(s -> String.format(Locale.ROOT, "%d: %.4f", s.getKey(), s.getValue()))
                        .collect(Collectors.joining(", ")));
                percentile.append(truth.percentile(a));
                note.append(row.cell().equals(a) ? "" : "same function as " + row.cell().toText());
            } else {
                accuracy.appendMissing();
                seeds.appendMissing();
                percentile.appendMissing();
                note.append("not in the table; add it with " + GroundTruth.addCommand(a));
            }
        }
        return Table.create("ground truth of the selected cells (" + truth.coverage() + ")", who, cell, accuracy,
                seeds, percentile, note);
    }

    /**
     * A histogram of the table's mean accuracies, with one vertical marker per selected cell that the table has
     * (labelled with its accuracy and percentile); cells it lacks are left out (see {@link #table}).
     */
    public static XYChart histogram(GroundTruth truth, Map<String, Architecture> selected) {
        double[] means = truth.rows().stream().mapToDouble(GroundTruthRow::mean).sorted().toArray();
        if (means.length == 0) {
            throw new IllegalArgumentException("the ground-truth table " + truth.source() + " has no rows");
        }
        double lo = means[0];
        double hi = means[means.length - 1];
        double width = hi > lo ? (hi - lo) / BINS : 0.001;
        int bins = hi > lo ? BINS : 1;
        int[] counts = binCounts(means, lo, width, bins);
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        int top = 0;
        for (int b = 0; b < bins; b++) {   // an outline of bars: up, across, down
            double left = lo + b * width;
            xs.add(left);
            ys.add(0.0);
            xs.add(left);
            ys.add((double) counts[b]);
            xs.add(left + width);
            ys.add((double) counts[b]);
            xs.add(left + width);
            ys.add(0.0);
            top = Math.max(top, counts[b]);
        }
        XYChart chart = new XYChartBuilder().width(720).height(380)
                .title("stand-alone accuracy of the table's " + means.length + " cells").build();
        Plot.style(chart);
        chart.setXAxisTitle("test accuracy (mean over seeds)");
        chart.setYAxisTitle("cells");
        XYSeries bars = chart.addSeries("table", xs, ys);
        bars.setMarker(SeriesMarkers.NONE);
        bars.setLineColor(new java.awt.Color(0x999999));
        int colour = 1;
        for (Map.Entry<String, Architecture> e : selected.entrySet()) {
            if (!truth.contains(e.getValue())) {
                continue;
            }
            double acc = truth.accuracy(e.getValue());
            String label = String.format(Locale.ROOT, "%s: %.4f (p%.0f)", e.getKey(), acc,
                    truth.percentile(e.getValue()));
            XYSeries marker = chart.addSeries(label, new double[] {acc, acc}, new double[] {0, top * 1.05});
            marker.setMarker(SeriesMarkers.NONE);
            marker.setLineColor(Plot.PALETTE.get(colour++ % Plot.PALETTE.size()));
            marker.setLineWidth(2.5f);
        }
        return chart;
    }

    /** Counts per bin of width {@code width} from {@code lo}; the maximum falls into the last bin. */
    static int[] binCounts(double[] values, double lo, double width, int bins) {
        int[] counts = new int[bins];
        for (double v : values) {
            int b = (int) Math.floor((v - lo) / width);
            counts[Math.max(0, Math.min(bins - 1, b))]++;
        }
        return counts;
    }
}
