package org.dnaslab.report;

import org.dnaslab.search.SearchConfig;
import org.dnaslab.space.Architecture;
import org.dnaslab.space.SearchSpace;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TablesTest {

    @Test
    void historyHasOneRowPerEpochWithOneBasedEpochsAndDerivedColumns() {
        Table t = Tables.history(ReportFixtures.nb201History(3));
        assertEquals(3, t.rowCount());
        assertEquals(List.of("epoch", "trainLoss", "trainAcc", "valLoss", "valAcc", "lr", "seconds", "meanEntropy",
                "paramFreeShare", "paramFreeMass", "architecture"), t.columnNames());
        assertEquals(1, t.intColumn("epoch").get(0));
        assertEquals(0.35, t.doubleColumn("valAcc").get(2), 1e-12);
        assertEquals(1.0, t.doubleColumn("paramFreeShare").get(2), 1e-12);
    }

    @Test
    void softmaxIsALongTableOfEdgeOpAndWeight() {
        Table t = Tables.softmax(ReportFixtures.nb201History(1).get(0), SearchSpace.nb201());
        assertEquals(6 * 5, t.rowCount());
        assertEquals("1<-0", t.stringColumn("edge").get(0));
        assertEquals("none", t.stringColumn("op").get(0));
        assertEquals(0.2, t.doubleColumn("softmax").get(0), 1e-12);
        assertThrows(IllegalArgumentException.class,
                () -> Tables.softmax(ReportFixtures.nb201History(1).get(0), SearchSpace.darts()));
    }

    @Test
    void softmaxTakesTheSpaceFromTheEpoch() {
        Table t = Tables.softmax(ReportFixtures.dartsTypeHistory(SearchSpace.s3()).get(0));
        assertEquals(2 * 14 * 3, t.rowCount(), "normal and reduce cells, 14 edges, 3 ops");
        assertEquals("reduce", t.stringColumn("cell").get(t.rowCount() - 1));
        assertEquals("sep_conv_3x3", t.stringColumn("op").get(t.rowCount() - 1));
        assertEquals(1.0 / 3, t.doubleColumn("softmax").get(0), 1e-12);
    }

    @Test
    void configListsSupernetAndSearchSettings() {
        Table t = Tables.config(SearchConfig.builder().setSpace("nb201").optChannels(4).setEpochs(3).build());
        int channels = t.stringColumn("setting").indexOf("supernet.channels");
        assertEquals("4", t.stringColumn("value").get(channels));
        int epochs = t.stringColumn("setting").indexOf("epochs");
        assertEquals("3", t.stringColumn("value").get(epochs));
    }

    @Test
    void readableRoundsDecimalsMarksMissingValuesAndKeepsTheNumbers() {
        Table t = Table.create("r", StringColumn.create("method", "magnitude", "pt"),
                DoubleColumn.create("acc", 0.3794642857142857, Double.NaN),
                DoubleColumn.create("seconds", 75.2666, 12.04), IntColumn.create("epochs", 2, 5));
        Table r = Tables.readable(t);
        assertEquals("0.379", r.getString(0, 1));
        assertEquals(Tables.MISSING, r.getString(1, 1));
        assertEquals("75.3", r.getString(0, 2));
        assertEquals("5", r.getString(1, 3));
        assertEquals(0.3794642857142857, r.doubleColumn("acc").get(0), 0.0, "only the printing changes");
        assertEquals("0.3794642857142857", t.getString(0, 1).replace(",", ""), "the original is left alone");
    }

    @Test
    void readableGivesALongArchitectureBreakPointsAndLeavesAShortOneAlone() {
        String arch = "|nor_conv_3x3~0|+|skip_connect~0|nor_conv_1x1~1|+|avg_pool_3x3~0|none~1|nor_conv_3x3~2|";
        Table r = Tables.readable(Table.create("a", StringColumn.create("architecture", arch, "short", "")));
        String shown = r.getString(0, 0);
        assertTrue(shown.contains("\u200B"), shown);
        assertEquals(arch, shown.replace("\u200B", ""), "only invisible break points are added");
        assertEquals("short", r.getString(1, 0));
        assertEquals(Tables.MISSING, r.getString(2, 0));
    }

    /** A long architecture printed wrappable (zero-width spaces) still parses when a reader copies it. */
    @Test
    void aWrappedArchitectureCopiedFromATableParsesBack() {
        for (SearchSpace space : List.of(SearchSpace.nb201(), SearchSpace.darts())) {
            Architecture a = Architecture.sample(space, new java.util.SplittableRandom(3));
            String printed = Tables.wrappable(a.toText());
            assertTrue(printed.contains("\u200B"), "long enough to wrap: " + printed);
            assertEquals(a, Architecture.parse(space, printed), space.name());
        }
    }
}
