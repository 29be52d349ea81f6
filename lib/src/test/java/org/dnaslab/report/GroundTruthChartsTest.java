package org.dnaslab.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dnaslab.evaluate.GroundTruth;
import org.dnaslab.evaluate.GroundTruthHeader;
import org.dnaslab.evaluate.GroundTruthRow;
import org.dnaslab.evaluate.TrainingProtocol;
import org.dnaslab.space.Architecture;
import org.dnaslab.space.Nb201Canonical;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.Table;

class GroundTruthChartsTest {
    private static final TrainingProtocol PROTOCOL = TrainingProtocol.groundTruth();
    private static final String CONV = "|nor_conv_3x3~0|+|nor_conv_1x1~0|none~1|+|skip_connect~0|avg_pool_3x3~1|nor_conv_3x3~2|";
    private static final String POOL = "|avg_pool_3x3~0|+|none~0|none~1|+|skip_connect~0|none~1|avg_pool_3x3~2|";
    private static final String SKIP = "|skip_connect~0|+|none~0|none~1|+|none~0|none~1|skip_connect~2|";
    private static final String ABSENT = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|";

    private static GroundTruthRow row(String nb201, double... perSeed) {
        Architecture rep = Nb201Canonical.representative(Architecture.parseNb201(nb201));
        TreeMap<Long, Double> acc = new TreeMap<>();
        for (int s = 0; s < perSeed.length; s++) {
            acc.put((long) s, perSeed[s]);
        }
        return new GroundTruthRow(Nb201Canonical.key(rep), rep, acc, 1000, 30, PROTOCOL.fingerprint());
    }

    private static GroundTruth table() {
        return GroundTruth.of(GroundTruthHeader.now(PROTOCOL),
                List.of(row(CONV, 0.84, 0.82), row(POOL, 0.60), row(SKIP, 0.30)));
    }

    @Test
    void aSelectedCellShowsItsAccuracyAndPercentileAndAMissingOneTheCommandThatAddsIt() {
        Map<String, Architecture> picked = new LinkedHashMap<>();
        picked.put("PT", Architecture.parseNb201(CONV));
        picked.put("magnitude", Architecture.parseNb201(ABSENT));
        Table t = GroundTruthCharts.table(table(), picked);
        assertEquals(2, t.rowCount());
        assertEquals("PT", t.stringColumn("selected by").get(0));
        assertEquals(0.83, t.doubleColumn("stand-alone accuracy").get(0), 1e-12);
        assertEquals(100.0, t.doubleColumn("percentile").get(0), 1e-12);
        assertEquals("0: 0.8400, 1: 0.8200", t.stringColumn("per seed").get(0));
        assertTrue(t.doubleColumn("stand-alone accuracy").isMissing(1));
        assertTrue(t.stringColumn("note").get(1).contains("./lab groundtruth --arch '" + ABSENT + "'"),
                t.stringColumn("note").get(1));
    }

    @Test
    void theHistogramCountsEveryCellOnceAndMarksOnlyCellsTheTableHas() {
        Map<String, Architecture> picked = new LinkedHashMap<>();
        picked.put("PT", Architecture.parseNb201(CONV));
        picked.put("magnitude", Architecture.parseNb201(ABSENT));
        XYChart c = GroundTruthCharts.histogram(table(), picked);
        assertEquals(2, c.getSeriesMap().size(), c.getSeriesMap().keySet().toString());
        assertTrue(c.getSeriesMap().containsKey("PT: 0.8300 (p100)"), c.getSeriesMap().keySet().toString());
        assertArrayEquals(new int[] {2, 0, 1}, GroundTruthCharts.binCounts(new double[] {0.1, 0.15, 0.9}, 0.1, 0.3, 3));
        int[] counts = GroundTruthCharts.binCounts(new double[] {0.30, 0.60, 0.83}, 0.30, (0.83 - 0.30) / 30, 30);
        assertEquals(3, java.util.Arrays.stream(counts).sum());
        assertEquals(1, counts[29], "the maximum falls into the last bin");
    }
}
