package org.dnaslab.report;

import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.XYStyler;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small multiples: several charts drawn side by side in one picture, with a title and a shared legend. It is an
 * XChart {@link Chart} itself, so whatever draws a chart (the kernel's PNG/SVG rendering, {@code BitmapEncoder})
 * draws the grid as one image.
 */
public final class ChartGrid extends Chart<XYStyler, XYSeries> {
    private static final int TITLE_HEIGHT = 28;
    private static final int LEGEND_HEIGHT = 26;

    private final List<Chart<?, ?>> charts;
    private final int columns;
    private final Map<String, Color> legend;

    private ChartGrid(String title, int columns, int cellWidth, int cellHeight, List<? extends Chart<?, ?>> charts,
                      Map<String, Color> legend) {
        super(columns * cellWidth, rows(charts.size(), columns) * cellHeight + (title == null || title.isBlank() ? 0
                : TITLE_HEIGHT) + (legend.isEmpty() ? 0 : LEGEND_HEIGHT), new XYStyler());
        setTitle(title);
        this.charts = List.copyOf(charts);
        this.columns = columns;
        this.legend = new LinkedHashMap<>(legend);
    }

    private static int rows(int n, int columns) {
        return (n + columns - 1) / columns;
    }

    /**
     * @param columns    charts per row
     * @param cellWidth  width of each chart in pixels
     * @param cellHeight height of each chart
     * @param legend     entries of a shared legend drawn below the charts (empty for none)
     */
    public static ChartGrid of(String title, int columns, int cellWidth, int cellHeight,
                               List<? extends Chart<?, ?>> charts, Map<String, Color> legend) {
        if (charts.isEmpty()) {
            throw new IllegalArgumentException("a chart grid needs at least one chart");
        }
        if (columns < 1 || cellWidth < 50 || cellHeight < 50) {
            throw new IllegalArgumentException("a chart grid needs columns >= 1 and cells of at least 50x50 pixels");
        }
        return new ChartGrid(title, Math.min(columns, charts.size()), cellWidth, cellHeight, charts, legend);
    }

    /** The charts, in drawing order (row by row). */
    public List<Chart<?, ?>> charts() {
        return charts;
    }

    public int columns() {
        return columns;
    }

    /** The shared legend's entries. */
    public Map<String, Color> legend() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(legend));
    }

    @Override
    public void paint(Graphics2D g, int width, int height) {
        setWidth(width);
        setHeight(height);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int top = 0;
        String title = getTitle();
        if (title != null && !title.isBlank()) {
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            FontMetrics fm = g.getFontMetrics();
            g.drawString(title, Math.max(4, (width - fm.stringWidth(title)) / 2), 20);
            top = TITLE_HEIGHT;
        }
        int rows = rows(charts.size(), columns);
        int bottom = legend.isEmpty() ? 0 : LEGEND_HEIGHT;
        int cellWidth = width / columns;
        int cellHeight = Math.max(1, (height - top - bottom) / rows);
        for (int i = 0; i < charts.size(); i++) {
            int x = (i % columns) * cellWidth;
            int y = top + (i / columns) * cellHeight;
            Graphics2D cell = (Graphics2D) g.create(x, y, cellWidth, cellHeight);
            try {
                charts.get(i).paint(cell, cellWidth, cellHeight);
            } finally {
                cell.dispose();
            }
        }
        if (!legend.isEmpty()) {
            paintLegend(g, height - LEGEND_HEIGHT, width);
        }
    }

    private void paintLegend(Graphics2D g, int y, int width) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        int total = 0;
        for (String name : legend.keySet()) {
            total += 30 + fm.stringWidth(name) + 16;
        }
        int x = Math.max(4, (width - total) / 2);
        int mid = y + LEGEND_HEIGHT / 2;
        for (Map.Entry<String, Color> e : legend.entrySet()) {
            g.setColor(e.getValue());
            g.setStroke(new BasicStroke(3f));
            g.drawLine(x, mid, x + 24, mid);
            g.setColor(Color.BLACK);
            g.drawString(e.getKey(), x + 30, mid + fm.getAscent() / 2 - 1);
            x += 30 + fm.stringWidth(e.getKey()) + 16;
        }
    }

    /** Builds a grid chart by chart. */
    public static Builder builder(String title) {
        return new Builder(title);
    }

    /** Collects the charts and legend of a {@link ChartGrid}. */
    public static final class Builder {
        private final String title;
        private final List<Chart<?, ?>> charts = new ArrayList<>();
        private final Map<String, Color> legend = new LinkedHashMap<>();
        private int columns = 3;
        private int cellWidth = 300;
        private int cellHeight = 220;

        private Builder(String title) {
            this.title = title;
        }

        public Builder add(Chart<?, ?> chart) {
            charts.add(chart);
            return this;
        }

        public Builder optColumns(int n) {
            this.columns = n;
            return this;
        }

        public Builder optCellSize(int width, int height) {
            this.cellWidth = width;
            this.cellHeight = height;
            return this;
        }

        public Builder addLegend(String name, Color color) {
            legend.put(name, color);
            return this;
        }

        public ChartGrid build() {
            return of(title, columns, cellWidth, cellHeight, charts, legend);
        }
    }

    @Override
    public String toString() {
        return "ChartGrid \"" + getTitle() + "\" of " + charts.size() + " charts, " + getWidth() + "x" + getHeight();
    }
}
