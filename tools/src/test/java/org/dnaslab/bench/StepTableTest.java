package org.dnaslab.bench;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The headline ratio is against the faster reference layout; the table shows both ratios, memory and steal. */
class StepTableTest {

    private static StepRow.Side side(double median, double p10, double p90, double mib, double steal) {
        return new StepRow.Side(new Medians(median, p10, p90, 5), mib, steal);
    }

    private static StepRow row(double nchw, double channelsLast) {
        Map<String, StepRow.Side> refs = new LinkedHashMap<>();
        refs.put(StepRow.NCHW, side(nchw, nchw - 10, nchw + 10, 2000, 1.0));
        refs.put(StepRow.CHANNELS_LAST, side(channelsLast, channelsLast - 20, channelsLast + 20, 1500, 2.0));
        return new StepRow("nb201_n1", side(700, 690, 720, 900, 0.5), refs, 26e9);
    }

    @Test
    void headlineIsAgainstTheFasterLayout() {
        StepRow r = row(1100, 800);
        assertEquals(StepRow.CHANNELS_LAST, r.fasterLayout());
        assertEquals(700.0 / 800, r.headline(), 1e-12);
        assertEquals(700.0 / 1100, r.ratio(StepRow.NCHW), 1e-12);
        StepRow other = row(650, 800);
        assertEquals(StepRow.NCHW, other.fasterLayout());
        assertEquals(700.0 / 650, other.headline(), 1e-12);
    }

    @Test
    void ratioRangeComesFromTheDeciles() {
        double[] range = row(1100, 800).ratioRange(StepRow.CHANNELS_LAST);
        assertEquals(690.0 / 820, range[0], 1e-12);
        assertEquals(720.0 / 780, range[1], 1e-12);
    }

    @Test
    void memoryIsAgainstTheLeanerReference() {
        assertEquals(900.0 / 1500, row(1100, 800).memoryRatio(), 1e-12);
    }

    @Test
    void withoutAReferenceThereIsNoHeadline() {
        StepRow r = new StepRow("gt_train", side(100, 90, 110, 500, 0), Map.of(), Double.NaN);
        assertNull(r.fasterLayout());
        assertTrue(Double.isNaN(r.headline()));
        assertTrue(!StepTable.line(r).contains("NaN"), StepTable.line(r));
    }

    @Test
    void aLineShowsBothRatiosTheMarkedHeadlinePeaksAndSteal() {
        String line = StepTable.line(row(1100, 800));
        assertTrue(line.contains("0.64 [0.62–0.66]"), line);  // vs NCHW: 700/1100, 690/1110 .. 720/1090
        assertTrue(line.contains("0.88 [0.84–0.92]"), line);  // vs CL
        assertTrue(line.contains("0.88 CL"), line);
        assertTrue(line.contains("900/2000/1500"), line);
        assertTrue(line.contains("0.5/1.0/2.0"), line);
        String table = StepTable.format(java.util.List.of(row(1100, 800), row(650, 800)));
        assertEquals(2 + 2, table.split("\n").length, "header, two rows, legend");
        assertTrue(table.contains("1.08 N"), table);
    }
}
