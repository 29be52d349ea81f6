package org.dnaslab.report;

import org.dnaslab.search.EpochMetrics;
import org.dnaslab.space.CellType;
import org.dnaslab.space.OpNames;
import org.dnaslab.space.SearchSpace;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * The figures of the notebook series, one call each, from a search's history ({@link EpochMetrics}) or a
 * measurement's table: training curves, softmax(α) per edge, its entropy, the share of parameter-free ops, and
 * operation strength against softmax(α). Every op has the same colour in every chart. Epochs are shown 1-based
 * ("after epoch 1"). A history names its search space ({@link EpochMetrics#space()}), so every space charts:
 * nb201, darts and s1..s4.
 */
public final class Charts {
    private static final Map<String, Color> OP_COLORS = opColors();

    private Charts() {
    }

    private static Map<String, Color> opColors() {
        Map<String, Color> m = new LinkedHashMap<>();
        m.put(OpNames.NONE, new Color(0x999999));
        m.put(OpNames.SKIP_CONNECT, new Color(0xE69F00));
        m.put(OpNames.NOR_CONV_1X1, new Color(0x56B4E9));
        m.put(OpNames.NOR_CONV_3X3, new Color(0x0072B2));
        m.put(OpNames.AVG_POOL_3X3, new Color(0x009E73));
        m.put(OpNames.MAX_POOL_3X3, new Color(0xCC79A7));
        m.put(OpNames.SEP_CONV_3X3, new Color(0x0072B2));
        m.put(OpNames.SEP_CONV_5X5, new Color(0x56B4E9));
        m.put(OpNames.DIL_CONV_3X3, new Color(0xD55E00));
        m.put(OpNames.DIL_CONV_5X5, new Color(0x882255));
        m.put(OpNames.NOISE, new Color(0x000000));
        return m;
    }

    /** The colour an op has in every chart of this package. */
    public static Color opColor(String op) {
        return OP_COLORS.getOrDefault(op, Color.DARK_GRAY);
    }

    // ---- training curves ----

    /** Mean weight-step accuracy and the supernet's validation accuracy per epoch. */
    public static XYChart accuracy(List<EpochMetrics> history) {
        return trainAndValidation(history, "Supernet accuracy", "accuracy", EpochMetrics::trainAcc, EpochMetrics::valAcc);
    }

    /** Mean weight-step loss and the supernet's validation loss per epoch. */
    public static XYChart loss(List<EpochMetrics> history) {
        return trainAndValidation(history, "Supernet loss", "cross-entropy", EpochMetrics::trainLoss,
                EpochMetrics::valLoss);
    }

    private static XYChart trainAndValidation(List<EpochMetrics> history, String title, String yTitle,
                                              ToDoubleFunction<EpochMetrics> train,
                                              ToDoubleFunction<EpochMetrics> validation) {
        requireHistory(history);
        return Plot.lines(title).axes("epoch", yTitle)
                .series("train (weight steps)", epochs(history), column(history, train))
                .series("validation", epochs(history), column(history, validation)).legendInside().chart();
    }

    /** Loss and accuracy side by side. */
    public static ChartGrid curves(List<EpochMetrics> history) {
        XYChart loss = loss(history);
        XYChart acc = accuracy(history);
        return ChartGrid.builder("Training and validation curves").optColumns(2).optCellSize(460, 320).add(loss)
                .add(acc).build();
    }

    // ---- softmax(α) ----

    /** softmax(α) of the normal cell after the given epoch: a group of bars per edge, a bar per op. */
    public static CategoryChart softmax(EpochMetrics epoch) {
        SearchSpace space = epoch.space();
        return softmax(epoch.softmax().get(CellType.NORMAL.key()), space,
                "softmax(α) per edge after epoch " + (epoch.epoch() + 1));
    }

    /** softmax(α) as grouped bars: x = edge, one bar per op. @param p [edge][op] in {@code space.ops()} order */
    public static CategoryChart softmax(double[][] p, SearchSpace space, String title) {
        checkShape(p, space);
        List<String> edges = edgeNames(space);
        Plot.Bars bars = Plot.bars(title).size(720, 380).axes("edge (to<-from)", "softmax(α)").yRange(0, 1);
        for (int o = 0; o < space.ops().size(); o++) {
            List<Double> values = new ArrayList<>();
            for (double[] row : p) {
                values.add(row[o]);
            }
            String op = space.ops().get(o);
            bars.series(op, edges, values).color(opColor(op));
        }
        CategoryChart c = bars.chart();
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        return c;
    }

    /** How softmax(α) moves on each edge of the normal cell: one small chart per edge, a line per op. */
    public static ChartGrid softmaxPerEdge(List<EpochMetrics> history) {
        requireHistory(history);
        return softmaxPerEdge(history, history.get(0).space(), CellType.NORMAL);
    }

    /**
     * How softmax(α) moves on each edge of one cell type ({@code CellType.REDUCE} for a DARTS-type reduction cell):
     * one small chart per edge, a line per op of {@code space}, which must be the history's space.
     */
    public static ChartGrid softmaxPerEdge(List<EpochMetrics> history, SearchSpace space, CellType type) {
        requireHistory(history);
        for (EpochMetrics m : history) {
            if (!m.space().name().equals(space.name())) {
                throw new IllegalArgumentException("epoch " + (m.epoch() + 1) + " is of the " + m.space().name()
                        + " space, not " + space.name() + "; its ops would be mislabelled");
            }
        }
        double[] x = epochs(history);
        List<String> edges = edgeNames(space);
        ChartGrid.Builder grid = ChartGrid.builder("softmax(α) per edge over epochs (" + type.key() + " cell)")
                .optColumns(space.edges().size() > 6 ? 4 : 3).optCellSize(300, 210);
        for (int e = 0; e < edges.size(); e++) {
            Plot.Lines lines = Plot.lines("edge " + edges.get(e)).size(300, 210).axes("epoch", "softmax(α)");
            for (int o = 0; o < space.ops().size(); o++) {
                double[] y = new double[history.size()];
                for (int i = 0; i < y.length; i++) {
                    double[][] p = history.get(i).softmax().get(type.key());
                    checkShape(p, space);
                    y[i] = p[e][o];
                }
                String op = space.ops().get(o);
                lines.series(op, x, y).color(opColor(op), false);
            }
            XYChart c = lines.chart();
            c.getStyler().setLegendVisible(false);
            c.getStyler().setChartTitleFont(c.getStyler().getAxisTitleFont().deriveFont(java.awt.Font.BOLD, 12f));
            grid.add(c);
        }
        for (String op : space.ops()) {
            grid.addLegend(op, opColor(op));
        }
        return grid.build();
    }

    /** Entropy (nats) of softmax(α) on each edge of the normal cell over epochs, with their mean. */
    public static XYChart entropy(List<EpochMetrics> history) {
        requireHistory(history);
        SearchSpace space = history.get(0).space();
        double[] x = epochs(history);
        List<String> edges = edgeNames(space);
        Plot.Lines lines = Plot.lines("Entropy of softmax(α) per edge (normal cell)").axes("epoch", "entropy (nats)");
        double[] mean = new double[history.size()];
        for (int e = 0; e < edges.size(); e++) {
            double[] y = new double[history.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = history.get(i).entropy().get(CellType.NORMAL.key())[e];
                mean[i] += y[i] / edges.size();
            }
            lines.series("edge " + edges.get(e), x, y);
        }
        lines.series("mean", x, mean).color(Color.BLACK, true);
        lines.series("uniform (log " + space.ops().size() + ")", new double[] {x[0], x[x.length - 1]},
                new double[] {Math.log(space.ops().size()), Math.log(space.ops().size())}).color(Color.GRAY, true);
        return lines.chart();
    }

    // ---- parameter-free ops ----

    /**
     * Per epoch: the share of parameter-free ops (none, skip, pooling) in the magnitude-selected architecture, and
     * the softmax(α) mass those ops hold, averaged over edges (all cell types).
     */
    public static XYChart parameterFreeShare(List<EpochMetrics> history) {
        requireHistory(history);
        return Plot.lines("Parameter-free operations over epochs").axes("epoch", "share").yRange(0, 1)
                .series("share in the selected cell", epochs(history), parameterFreeShares(history))
                .series("softmax(α) mass, mean over edges", epochs(history), parameterFreeMass(history))
                .legendInside().chart();
    }

    /** Share of the kept edges whose magnitude-selected op is parameter-free, per epoch. */
    public static double[] parameterFreeShares(List<EpochMetrics> history) {
        return opShares(history, OpNames::isParameterFree);
    }

    /** Mean over edges (all cell types) of the softmax(α) mass on parameter-free ops, per epoch. */
    public static double[] parameterFreeMass(List<EpochMetrics> history) {
        double[] out = new double[history.size()];
        for (int i = 0; i < out.length; i++) {
            EpochMetrics m = history.get(i);
            SearchSpace space = m.space();
            double sum = 0;
            int edges = 0;
            for (double[][] p : m.softmax().values()) {
                for (double[] row : p) {
                    for (int o = 0; o < row.length; o++) {
                        if (OpNames.isParameterFree(space.ops().get(o))) {
                            sum += row[o];
                        }
                    }
                    edges++;
                }
            }
            out[i] = sum / edges;
        }
        return out;
    }

    /** Share of the kept edges whose magnitude-selected op passes {@code ops}, per epoch. */
    public static double[] opShares(List<EpochMetrics> history, Predicate<String> ops) {
        return column(history, m -> m.architecture().share(ops));
    }

    // ---- several runs ----

    /** One line per run of a per-epoch figure, e.g. {@code compare(runs, EpochMetrics::valAcc, "…", "accuracy")}. */
    public static XYChart compare(Map<String, List<EpochMetrics>> runs, ToDoubleFunction<EpochMetrics> figure,
                                  String title, String yTitle) {
        Plot.Lines lines = Plot.lines(title).axes("epoch", yTitle);
        runs.forEach((name, h) -> {
            requireHistory(h);
            lines.series(name, epochs(h), column(h, figure));
        });
        return lines.chart();
    }

    /** Mean entropy of softmax(α) over the normal cell's edges, one line per run. */
    public static XYChart meanEntropy(Map<String, List<EpochMetrics>> runs) {
        return compare(runs, m -> m.meanEntropy(CellType.NORMAL), "Mean entropy of softmax(α) per edge", "entropy (nats)");
    }

    /** Share of skip connections in the magnitude-selected cell over epochs, one line per run. */
    public static XYChart skipShare(Map<String, List<EpochMetrics>> runs) {
        Plot.Lines lines = Plot.lines("Skip connections in the selected cell").axes("epoch", "share of edges")
                .yRange(0, 1);
        runs.forEach((name, h) -> {
            requireHistory(h);
            lines.series(name, epochs(h), opShares(h, OpNames.SKIP_CONNECT::equals));
        });
        return lines.chart();
    }

    // ---- operation strength ----

    /**
     * The PT paper's figure: per edge, softmax(α) of each op next to the supernet's accuracy when the edge is
     * discretized to that op. Reads a table with columns {@code edgeName}, {@code op}, {@code softmax},
     * {@code accuracy} (and optionally {@code cell}: only "normal" rows are drawn), one row per edge and op.
     */
    public static ChartGrid strengthVsSoftmax(Table rows) {
        Map<String, Map<String, double[]>> byEdge = new LinkedHashMap<>();
        boolean hasCell = rows.columnNames().contains("cell");
        NumericColumn<?> soft = rows.numberColumn("softmax");
        NumericColumn<?> acc = rows.numberColumn("accuracy");
        for (int r = 0; r < rows.rowCount(); r++) {
            if (hasCell && !CellType.NORMAL.key().equals(rows.column("cell").getString(r))) {
                continue;
            }
            String edge = rows.column("edgeName").getString(r);
            String op = rows.column("op").getString(r);
            byEdge.computeIfAbsent(edge, k -> new LinkedHashMap<>()).put(op,
                    new double[] {soft.getDouble(r), acc.getDouble(r)});
        }
        if (byEdge.isEmpty()) {
            throw new IllegalArgumentException("no operation-strength rows (columns edgeName, op, softmax, accuracy)");
        }
        ChartGrid.Builder grid = ChartGrid.builder("Operation strength vs softmax(α) per edge").optColumns(3)
                .optCellSize(320, 240);
        for (Map.Entry<String, Map<String, double[]>> e : byEdge.entrySet()) {
            List<String> ops = new ArrayList<>(e.getValue().keySet());
            List<Double> s = new ArrayList<>();
            List<Double> a = new ArrayList<>();
            for (String op : ops) {
                s.add(e.getValue().get(op)[0]);
                a.add(e.getValue().get(op)[1]);
            }
            CategoryChart c = Plot.bars("edge " + e.getKey()).size(320, 240).axes("", "").yRange(0, 1)
                    .series("softmax(α)", shortNames(ops), s).color(SOFTMAX_COLOR)
                    .series("accuracy when chosen", shortNames(ops), a).color(STRENGTH_COLOR).rotateLabels(30).chart();
            c.getStyler().setLegendVisible(false);
            grid.add(c);
        }
        return grid.addLegend("softmax(α)", SOFTMAX_COLOR).addLegend("supernet accuracy with the edge discretized to the op",
                STRENGTH_COLOR).build();
    }

    /**
     * As {@link #strengthVsSoftmax(Table)} from arrays. @param softmax [edge][op] @param accuracy [edge][op]
     */
    public static ChartGrid strengthVsSoftmax(List<String> edgeNames, List<String> ops, double[][] softmax,
                                              double[][] accuracy) {
        List<String> edgeCol = new ArrayList<>();
        List<String> opCol = new ArrayList<>();
        List<Double> s = new ArrayList<>();
        List<Double> a = new ArrayList<>();
        for (int e = 0; e < edgeNames.size(); e++) {
            for (int o = 0; o < ops.size(); o++) {
                edgeCol.add(edgeNames.get(e));
                opCol.add(ops.get(o));
                s.add(softmax[e][o]);
                a.add(accuracy[e][o]);
            }
        }
        Table t = Table.create("operation strength",
                tech.tablesaw.api.StringColumn.create("edgeName", edgeCol),
                tech.tablesaw.api.StringColumn.create("op", opCol),
                tech.tablesaw.api.DoubleColumn.create("softmax", s),
                tech.tablesaw.api.DoubleColumn.create("accuracy", a));
        return strengthVsSoftmax(t);
    }

    private static final Color SOFTMAX_COLOR = new Color(0xE69F00);
    private static final Color STRENGTH_COLOR = new Color(0x0072B2);

    /** Op names short enough for a small chart's axis: nor_conv_3x3 → conv3x3, skip_connect → skip. */
    static List<String> shortNames(List<String> ops) {
        List<String> out = new ArrayList<>();
        for (String op : ops) {
            out.add(op.replace("nor_conv_", "conv").replace("skip_connect", "skip").replace("_pool_", "pool")
                    .replace("sep_conv_", "sep").replace("dil_conv_", "dil"));
        }
        return out;
    }

    // ---- helpers ----

    static double[] epochs(List<EpochMetrics> history) {
        double[] x = new double[history.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = history.get(i).epoch() + 1;
        }
        return x;
    }

    static double[] column(List<EpochMetrics> history, ToDoubleFunction<EpochMetrics> f) {
        return history.stream().mapToDouble(f).toArray();
    }

    static List<String> edgeNames(SearchSpace space) {
        return space.edges().stream().map(Object::toString).toList();
    }

    private static void requireHistory(List<EpochMetrics> history) {
        if (history == null || history.isEmpty()) {
            throw new IllegalArgumentException("no epochs to plot: the search has not finished an epoch yet");
        }
    }

    private static void checkShape(double[][] p, SearchSpace space) {
        if (p == null || p.length != space.edges().size() || p[0].length != space.ops().size()) {
            throw new IllegalArgumentException("softmax(α) is not [" + space.edges().size() + " edges][" + space.ops().size()
                    + " ops] of the " + space.name() + " space");
        }
    }
}
