package org.dnaslab.report;

import org.dnaslab.search.EpochMetrics;
import org.dnaslab.space.CellType;
import org.dnaslab.space.SearchSpace;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChartsTest {
    private static final List<EpochMetrics> HISTORY = ReportFixtures.nb201History(4);

    /** Draws the chart as PNG bytes, decodes them, and returns the picture. */
    static BufferedImage png(Chart<?, ?> chart) throws IOException {
        byte[] bytes = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        assertEquals((byte) 0x89, bytes[0]);
        assertEquals('P', bytes[1]);
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    /** Distinct colours in the picture: a blank or single-colour image has 1 or 2. */
    static int colours(BufferedImage img) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                seen.add(img.getRGB(x, y));
            }
        }
        return seen.size();
    }

    /** Pixels of this colour (± a little anti-aliasing). */
    static int pixelsNear(BufferedImage img, java.awt.Color c) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                if (Math.abs(((rgb >> 16) & 255) - c.getRed()) < 12 && Math.abs(((rgb >> 8) & 255) - c.getGreen()) < 12
                        && Math.abs((rgb & 255) - c.getBlue()) < 12) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void accuracyCurvesHaveATrainAndAValidationSeriesOverOneBasedEpochs() throws IOException {
        XYChart c = Charts.accuracy(HISTORY);
        assertEquals(2, c.getSeriesMap().size());
        assertEquals("epoch", c.getXAxisTitle());
        assertEquals("accuracy", c.getYAxisTitle());
        XYSeries val = c.getSeriesMap().get("validation");
        assertArrayEquals(new double[] {1, 2, 3, 4}, val.getXData());
        assertArrayEquals(new double[] {0.25, 0.30, 0.35, 0.40}, val.getYData(), 1e-12);
        assertTrue(colours(png(c)) > 10, "the PNG shows lines and text");
    }

    @Test
    void curvesPutLossAndAccuracySideBySideInOneImage() throws IOException {
        ChartGrid g = Charts.curves(HISTORY);
        assertEquals(2, g.charts().size());
        assertEquals("cross-entropy", g.charts().get(0).getYAxisTitle());
        assertEquals("accuracy", g.charts().get(1).getYAxisTitle());
        BufferedImage img = png(g);
        assertEquals(920, img.getWidth());
        assertTrue(colours(img) > 10);
    }

    @Test
    void softmaxPerEdgeHasOneSmallChartPerEdgeWithALinePerOpAndASharedLegend() throws IOException {
        ChartGrid g = Charts.softmaxPerEdge(HISTORY);
        assertEquals(6, g.charts().size());
        assertEquals("edge 1<-0", g.charts().get(0).getTitle());
        assertEquals("edge 3<-2", g.charts().get(5).getTitle());
        for (Chart<?, ?> c : g.charts()) {
            assertEquals(5, c.getSeriesMap().size());
            assertEquals("softmax(α)", c.getYAxisTitle());
        }
        assertEquals(SearchSpace.nb201().ops(), List.copyOf(g.legend().keySet()));
        XYSeries conv3 = (XYSeries) g.charts().get(3).getSeriesMap().get("nor_conv_3x3");
        assertArrayEquals(new double[] {0.2, 0.3, 0.4, 0.5}, conv3.getYData(), 1e-12, "edge 3 favours op 3");
        BufferedImage img = png(g);
        assertTrue(pixelsNear(img, Charts.opColor("nor_conv_3x3")) > 100, "the conv3x3 lines are drawn in its colour");
    }

    @Test
    void barsCarryErrorBarsForMeansWithTheirSpread() throws IOException {
        CategoryChart c = Plot.bars("mean ± std").axes("", "accuracy")
                .series("mean ± std", List.of("random", "DARTS"), new double[] {0.8, 0.85}, new double[] {0.02, 0.01})
                .chart();
        org.knowm.xchart.CategorySeries s = c.getSeriesMap().get("mean ± std");
        assertEquals(List.of(0.02, 0.01), List.copyOf(s.getExtraValues()));
        assertTrue(png(c).getWidth() > 0);
        assertThrows(IllegalArgumentException.class, () -> Plot.bars("x").series("s", List.of("a"), new double[] {1},
                new double[] {Double.NaN}));
    }

    @Test
    void softmaxBarsGroupOpsByEdge() throws IOException {
        CategoryChart c = Charts.softmax(HISTORY.get(3));
        assertEquals(5, c.getSeriesMap().size());
        assertEquals("edge (to<-from)", c.getXAxisTitle());
        assertTrue(c.getTitle().contains("after epoch 4"), c.getTitle());
        assertTrue(pixelsNear(png(c), Charts.opColor("skip_connect")) > 100);
    }

    @Test
    void parameterFreeShareFollowsTheSelectedCellAndTheSoftmaxMass() throws IOException {
        double[] share = Charts.parameterFreeShares(HISTORY);
        // epochs 1-2: none and avg_pool of 6 edges; from epoch 3: all skip connections.
        assertArrayEquals(new double[] {2.0 / 6, 2.0 / 6, 1, 1}, share, 1e-12);
        double[] mass = Charts.parameterFreeMass(HISTORY);
        // edges 0..5 favour ops 0,1,2,3,4,0; none, skip and avg_pool (ops 0, 1, 4) are parameter-free.
        double f = 0.2;
        double expected0 = (4 * (f + 2 * (1 - f) / 4) + 2 * (3 * (1 - f) / 4)) / 6;
        assertEquals(expected0, mass[0], 1e-12);
        XYChart c = Charts.parameterFreeShare(HISTORY);
        assertEquals(2, c.getSeriesMap().size());
        assertEquals("share", c.getYAxisTitle());
        assertTrue(colours(png(c)) > 10);
    }

    @Test
    void entropyHasALinePerEdgePlusMeanAndUniformReference() {
        XYChart c = Charts.entropy(HISTORY);
        assertEquals(6 + 2, c.getSeriesMap().size());
        assertEquals(Math.log(5), c.getSeriesMap().get("uniform (log 5)").getYData()[0], 1e-12);
    }

    @Test
    void strengthVsSoftmaxDrawsBarPairsPerEdgeFromATable() throws IOException {
        Table t = Table.create("strength",
                StringColumn.create("cell", "normal", "normal", "normal", "normal"),
                StringColumn.create("edgeName", "1<-0", "1<-0", "2<-0", "2<-0"),
                StringColumn.create("op", "skip_connect", "nor_conv_3x3", "skip_connect", "nor_conv_3x3"),
                DoubleColumn.create("softmax", 0.6, 0.4, 0.3, 0.7),
                DoubleColumn.create("accuracy", 0.5, 0.8, 0.6, 0.7));
        ChartGrid g = Charts.strengthVsSoftmax(t);
        assertEquals(2, g.charts().size());
        CategoryChart first = (CategoryChart) g.charts().get(0);
        assertEquals(2, first.getSeriesMap().size(), "softmax and accuracy");
        assertEquals(List.of("skip", "conv3x3"), first.getSeriesMap().get("softmax(α)").getXData());
        assertTrue(colours(png(g)) > 10);
    }

    @Test
    void thePlotBuilderMakesLinesFromArraysOrTableColumnsAndRefusesMismatches() throws IOException {
        Table t = Table.create("gap", DoubleColumn.create("epoch", 1, 2, 3), DoubleColumn.create("gap", 0.3, 0.2, 0.25));
        XYChart c = Plot.lines("gap").axes("epoch", "gap").series("magnitude", t.numberColumn("epoch"),
                t.numberColumn("gap")).series("pt", new double[] {1, 2, 3}, new double[] {0.1, 0.1, 0.05}).chart();
        assertEquals(2, c.getSeriesMap().size());
        assertEquals("gap", c.getYAxisTitle());
        assertTrue(colours(png(c)) > 10);
        assertThrows(IllegalArgumentException.class, () -> Plot.lines("x").series("bad", new double[] {1}, new double[] {1, 2}));
        assertThrows(IllegalStateException.class, () -> Plot.lines("empty").chart());
        CategoryChart b = Plot.bars("acc").axes("method", "accuracy").series("test", List.of("magnitude", "pt"),
                new double[] {0.7, 0.8}).chart();
        assertEquals("method", b.getXAxisTitle());
        assertEquals(1, b.getSeriesMap().size());
        assertTrue(colours(png(b)) > 5);
    }

    @Test
    void runsCompareAsOneLinePerRun() throws IOException {
        var runs = new java.util.LinkedHashMap<String, List<EpochMetrics>>();
        runs.put("λ = 0", HISTORY);
        runs.put("λ = 0.1", ReportFixtures.nb201History(2));
        XYChart entropy = Charts.meanEntropy(runs);
        assertEquals(List.of("λ = 0", "λ = 0.1"), List.copyOf(entropy.getSeriesMap().keySet()));
        XYChart skip = Charts.skipShare(runs);
        assertArrayEquals(new double[] {0, 0, 1, 1}, skip.getSeriesMap().get("λ = 0").getYData(), 1e-12);
        assertEquals("share of edges", skip.getYAxisTitle());
        XYChart acc = Charts.compare(runs, EpochMetrics::valAcc, "validation accuracy", "accuracy");
        assertEquals(2, acc.getSeriesMap().get("λ = 0.1").getYData().length);
        assertTrue(colours(png(skip)) > 10);
    }

    @Test
    void aDotPlotSeriesHasMarkersAndNoLine() {
        XYChart c = Plot.lines("dots").series("random", new double[] {1, 1}, new double[] {0.5, 0.6}).markersOnly().chart();
        assertEquals(XYSeries.XYSeriesRenderStyle.Scatter, c.getSeriesMap().get("random").getXYSeriesRenderStyle());
    }

    @Test
    void historiesOfEveryDartsTypeSpaceChartInTheirOwnSpace() throws IOException {
        // s1..s4 histories were refused before: their softmax(α) has 2 or 3 ops, and the space was guessed from
        // the array shapes (6x5 nb201, 14x8 darts); the history now names its space
        for (SearchSpace space : List.of(SearchSpace.s1(), SearchSpace.s2(), SearchSpace.s3(), SearchSpace.s4(),
                SearchSpace.darts())) {
            List<EpochMetrics> h = ReportFixtures.dartsTypeHistory(space);
            ChartGrid perEdge = Charts.softmaxPerEdge(h);
            assertEquals(14, perEdge.charts().size(), space.name());
            assertEquals(space.ops(), List.copyOf(perEdge.legend().keySet()), space.name());
            assertEquals(space.ops().size(), perEdge.charts().get(0).getSeriesMap().size(), space.name());
            assertEquals(space.ops().size(), Charts.softmax(h.get(1)).getSeriesMap().size(), space.name());
            XYChart entropy = Charts.entropy(h);
            assertEquals(Math.log(space.ops().size()),
                    entropy.getSeriesMap().get("uniform (log " + space.ops().size() + ")").getYData()[0], 1e-12);
            // s1 offers only parameter-free candidates on some kept edges: normal 4<-0 and 5<-1 (max_pool, skip),
            // reduce six of its eight (max_pool, avg_pool); the other spaces start without any
            double first = space.name().equals("s1") ? (2 + 6) / 16.0 : 0.0;
            assertEquals(first, Charts.parameterFreeShares(h)[0], 1e-12, space.name() + ": parameter-free ops at first");
            assertTrue(colours(png(Charts.parameterFreeShare(h))) > 10, space.name());
        }
        // node 2 keeps two edges in each of the normal and reduce cells: 4 of 16 kept edges
        assertArrayEquals(new double[] {0, 4.0 / 16}, Charts.parameterFreeShares(ReportFixtures.dartsTypeHistory(
                SearchSpace.s4())), 1e-12, "noise is parameter-free");
        assertArrayEquals(new double[] {0, 4.0 / 16}, Charts.skipShare(java.util.Map.of("s2",
                ReportFixtures.dartsTypeHistory(SearchSpace.s2()))).getSeriesMap().get("s2").getYData(), 1e-12);
        // s3 offers none, skip and sep_conv_3x3: the softmax(α) mass on none and skip is 2/3 on every edge
        assertEquals(2.0 / 3, Charts.parameterFreeMass(ReportFixtures.dartsTypeHistory(SearchSpace.s3()))[0], 1e-12);
        ChartGrid reduce = Charts.softmaxPerEdge(ReportFixtures.dartsTypeHistory(SearchSpace.s3()), SearchSpace.s3(),
                CellType.REDUCE);
        assertTrue(reduce.charts().get(0).getTitle().startsWith("edge 2<-0"), reduce.charts().get(0).getTitle());
        // s2 and s4 have softmax(α) of the same shape, [14][2], but other ops: naming the wrong space is refused
        var wrong = assertThrows(IllegalArgumentException.class, () -> Charts.softmaxPerEdge(
                ReportFixtures.dartsTypeHistory(SearchSpace.s2()), SearchSpace.s4(), CellType.NORMAL));
        assertTrue(wrong.getMessage().contains("s2") && wrong.getMessage().contains("s4"), wrong.getMessage());
        Table t = Tables.history(ReportFixtures.dartsTypeHistory(SearchSpace.s1()));
        assertTrue(t.stringColumn("architecture").get(0).startsWith("Genotype("), t.stringColumn("architecture").get(0));
    }

    @Test
    void anEmptyHistoryIsAClearError() {
        var e = assertThrows(IllegalArgumentException.class, () -> Charts.accuracy(List.of()));
        assertTrue(e.getMessage().contains("no epochs"), e.getMessage());
    }
}
