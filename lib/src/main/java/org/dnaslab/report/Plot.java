package org.dnaslab.report;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.columns.Column;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;

/**
 * A line or bar chart in one expression, styled for notebooks and print (white background, light grid, DejaVu-safe
 * fonts, no JavaScript: it renders as PNG or SVG):
 * <pre>{@code
 * XYChart c = Plot.lines("gap over epochs").axes("epoch", "accuracy gap").series("magnitude", epochs, gaps).chart();
 * CategoryChart b = Plot.bars("accuracy").axes("method", "accuracy").series("test", methods, accs).chart();
 * }</pre>
 */
public final class Plot {
    /** A palette that stays readable in print and for common colour-vision deficiencies (Okabe–Ito). */
    public static final List<Color> PALETTE = List.of(new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73),
            new Color(0xCC79A7), new Color(0x56B4E9), new Color(0xD55E00), new Color(0xF0E442), new Color(0x000000));

    private Plot() {
    }

    /** A line chart titled {@code title}: add series, then {@link Lines#chart()}. */
    public static Lines lines(String title) {
        return new Lines(title);
    }

    /** A grouped bar chart titled {@code title}: add series, then {@link Bars#chart()}. */
    public static Bars bars(String title) {
        return new Bars(title);
    }

    /** The house style, applied to every chart this package makes. */
    static void style(Chart<? extends AxesChartStyler, ?> chart) {
        AxesChartStyler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(new Color(0x999999));
        s.setPlotGridLinesColor(new Color(0xE5E5E5));
        s.setChartTitleBoxVisible(false);
        s.setLegendBorderColor(new Color(0xCCCCCC));
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setSeriesColors(PALETTE.toArray(new Color[0]));
    }

    /** Builds an {@link XYChart} of lines with markers. */
    public static final class Lines {
        private XYChart chart;
        private int count;

        private Lines(String title) {
            chart = new XYChartBuilder().width(640).height(380).title(title).build();
            style(chart);
        }

        /** The axis titles. */
        public Lines axes(String xTitle, String yTitle) {
            chart.setXAxisTitle(xTitle);
            chart.setYAxisTitle(yTitle);
            return this;
        }

        /** The chart's size in pixels; set it before adding series. */
        public Lines size(int width, int height) {
            if (count > 0) {
                throw new IllegalStateException("set the size before adding series");
            }
            XYChart c = new XYChartBuilder().width(width).height(height).title(chart.getTitle())
                    .xAxisTitle(chart.getXAxisTitle()).yAxisTitle(chart.getYAxisTitle()).build();
            style(c);
            chart = c;
            return this;
        }

        /** Y from {@code yMin} to {@code yMax} instead of the data's range. */
        public Lines yRange(double yMin, double yMax) {
            chart.getStyler().setYAxisMin(yMin);
            chart.getStyler().setYAxisMax(yMax);
            return this;
        }

        /** A series of the points (x[i], y[i]). */
        public Lines series(String name, double[] x, double[] y) {
            if (x.length != y.length) {
                throw new IllegalArgumentException("series '" + name + "': " + x.length + " x values but " + y.length
                        + " y values");
            }
            if (x.length == 0) {
                throw new IllegalArgumentException("series '" + name + "' is empty");
            }
            XYSeries s = chart.addSeries(name, x, y);
            s.setMarker(x.length > 40 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
            count++;
            return this;
        }

        /** A series of the points (x[i], y[i]), from lists. */
        public Lines series(String name, List<? extends Number> x, List<? extends Number> y) {
            return series(name, doubles(x), doubles(y));
        }

        /** A series from two numeric columns of a Tablesaw table (missing values are skipped). */
        public Lines series(String name, NumericColumn<?> x, NumericColumn<?> y) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
                if (!x.isMissing(i) && !y.isMissing(i)) {
                    xs.add(x.getDouble(i));
                    ys.add(y.getDouble(i));
                }
            }
            return series(name, xs, ys);
        }

        /** The last series drawn in {@code color}, dashed if asked. */
        public Lines color(Color color, boolean dashed) {
            XYSeries last = last();
            last.setLineColor(color);
            last.setMarkerColor(color);
            if (dashed) {
                last.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                        new float[] {6f, 4f}, 0f));
            }
            return this;
        }

        private XYSeries last() {
            if (count == 0) {
                throw new IllegalStateException("add a series first");
            }
            return new ArrayList<>(chart.getSeriesMap().values()).get(count - 1);
        }

        /** The last series as dots without a line (a dot plot, e.g. one dot per trained architecture). */
        public Lines markersOnly() {
            XYSeries last = last();
            last.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            last.setMarker(SeriesMarkers.CIRCLE);
            return this;
        }

        /** The legend inside the plot, top right, instead of beside it. */
        public Lines legendInside() {
            chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
            return this;
        }

        /** The finished chart; throws when it has no series. */
        public XYChart chart() {
            if (count == 0) {
                throw new IllegalStateException("chart '" + chart.getTitle() + "' has no series");
            }
            chart.getStyler().setXAxisDecimalPattern(integral(chart) ? "0" : null);
            return chart;
        }

        private static boolean integral(XYChart chart) {
            for (XYSeries s : chart.getSeriesMap().values()) {
                for (double v : s.getXData()) {
                    if (v != Math.rint(v)) {
                        return false;
                    }
                }
            }
            return true;
        }
    }

    /** Builds a {@link CategoryChart} of grouped bars. */
    public static final class Bars {
        private CategoryChart chart;
        private int count;

        private Bars(String title) {
            chart = new CategoryChartBuilder().width(640).height(380).title(title).build();
            style(chart);
        }

        /** The chart's size in pixels; set it before adding series. */
        public Bars size(int width, int height) {
            if (count > 0) {
                throw new IllegalStateException("set the size before adding series");
            }
            CategoryChart c = new CategoryChartBuilder().width(width).height(height).title(chart.getTitle())
                    .xAxisTitle(chart.getXAxisTitle()).yAxisTitle(chart.getYAxisTitle()).build();
            style(c);
            chart = c;
            return this;
        }

        /** The axis titles. */
        public Bars axes(String xTitle, String yTitle) {
            chart.setXAxisTitle(xTitle);
            chart.setYAxisTitle(yTitle);
            return this;
        }

        /** Y from {@code yMin} to {@code yMax} instead of the data's range. */
        public Bars yRange(double yMin, double yMax) {
            chart.getStyler().setYAxisMin(yMin);
            chart.getStyler().setYAxisMax(yMax);
            return this;
        }

        /** Tilts the category labels (long names). */
        public Bars rotateLabels(int degrees) {
            chart.getStyler().setXAxisLabelRotation(degrees);
            return this;
        }

        /** A series of one bar per category. */
        public Bars series(String name, List<String> categories, List<? extends Number> values) {
            if (categories.size() != values.size() || categories.isEmpty()) {
                throw new IllegalArgumentException("series '" + name + "': " + categories.size() + " categories and "
                        + values.size() + " values");
            }
            chart.addSeries(name, new ArrayList<>(categories), new ArrayList<Number>(values));
            count++;
            return this;
        }

        /** A series of one bar per category, from an array. */
        public Bars series(String name, List<String> categories, double[] values) {
            return series(name, categories, boxed(values));
        }

        /**
         * Bars with error bars: e.g. means with ± one standard deviation. The bars reach {@code values[i]}, the
         * whiskers {@code values[i] ± errors[i]}.
         */
        public Bars series(String name, List<String> categories, double[] values, double[] errors) {
            if (categories.size() != values.length || errors.length != values.length || categories.isEmpty()) {
                throw new IllegalArgumentException("series '" + name + "': " + categories.size() + " categories, "
                        + values.length + " values and " + errors.length + " error bars");
            }
            for (double e : errors) {
                if (!(e >= 0)) {
                    throw new IllegalArgumentException("series '" + name + "': error bars must be >= 0 and not NaN, got "
                            + java.util.Arrays.toString(errors));
                }
            }
            chart.addSeries(name, new ArrayList<>(categories), boxed(values), boxed(errors));
            count++;
            return this;
        }

        /** A series from a string (or any) column of categories and a numeric column of a table. */
        public Bars series(String name, Column<?> categories, NumericColumn<?> values) {
            List<String> cats = new ArrayList<>();
            List<Double> vals = new ArrayList<>();
            for (int i = 0; i < Math.min(categories.size(), values.size()); i++) {
                cats.add(categories.getString(i));
                vals.add(values.isMissing(i) ? 0.0 : values.getDouble(i));
            }
            return series(name, cats, vals);
        }

        /** The fill colour of the last series. */
        public Bars color(Color color) {
            if (count == 0) {
                throw new IllegalStateException("add a series first");
            }
            CategorySeries s = new ArrayList<>(chart.getSeriesMap().values()).get(count - 1);
            s.setFillColor(color);
            return this;
        }

        /** The finished chart; throws when it has no series. */
        public CategoryChart chart() {
            if (count == 0) {
                throw new IllegalStateException("chart '" + chart.getTitle() + "' has no series");
            }
            return chart;
        }
    }

    static double[] doubles(List<? extends Number> values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).doubleValue();
        }
        return out;
    }

    static List<Double> boxed(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(v);
        }
        return out;
    }
}
