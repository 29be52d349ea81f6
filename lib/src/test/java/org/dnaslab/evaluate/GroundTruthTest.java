package org.dnaslab.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import org.dnaslab.space.Architecture;
import org.dnaslab.space.Nb201Canonical;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

class GroundTruthTest {
    private static final TrainingProtocol PROTOCOL = TrainingProtocol.groundTruth();
    // Conv cell, and an equivalent spelling: nodes 1 and 2 swapped, a dead edge out of a node fed only by none.
    private static final String CONV = "|nor_conv_3x3~0|+|nor_conv_1x1~0|none~1|+|skip_connect~0|avg_pool_3x3~1|nor_conv_3x3~2|";
    private static final String CONV_SWAPPED = "|nor_conv_1x1~0|+|nor_conv_3x3~0|none~1|+|skip_connect~0|nor_conv_3x3~1|avg_pool_3x3~2|";
    private static final String POOL = "|avg_pool_3x3~0|+|none~0|none~1|+|skip_connect~0|none~1|avg_pool_3x3~2|";
    private static final String SKIP = "|skip_connect~0|+|none~0|none~1|+|none~0|none~1|skip_connect~2|";
    private static final String ABSENT = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|";

    @TempDir
    Path dir;

    private static GroundTruthRow row(String nb201, double... perSeed) {
        Architecture rep = Nb201Canonical.representative(Architecture.parseNb201(nb201));
        TreeMap<Long, Double> acc = new TreeMap<>();
        for (int s = 0; s < perSeed.length; s++) {
            acc.put((long) s, perSeed[s]);
        }
        return new GroundTruthRow(Nb201Canonical.key(rep), rep, acc, 1234, 20.5, PROTOCOL.fingerprint());
    }

    private GroundTruth shipped() {
        GroundTruth t = GroundTruth.of(GroundTruthHeader.now(PROTOCOL),
                List.of(row(CONV, 0.80, 0.78), row(POOL, 0.40), row(SKIP, 0.60, 0.64)));
        Path f = dir.resolve("gt.csv");
        t.write(f);
        return GroundTruth.load(f);
    }

    @Test
    void looksUpEveryCellOfAClassThroughTheCanonicalKey() {
        GroundTruth t = shipped();
        assertEquals(0.79, t.accuracy(Architecture.parseNb201(CONV)), 1e-9);
        assertEquals(0.79, t.accuracy(Architecture.parseNb201(CONV_SWAPPED)), 1e-9);
        assertEquals(Map.of(0L, 0.80, 1L, 0.78), t.accuracies(Architecture.parseNb201(CONV_SWAPPED)));
        assertEquals(Map.of(0L, 0.40), t.accuracies(Architecture.parseNb201(POOL)));
    }

    @Test
    void percentileRanksByMeanAccuracy() {
        GroundTruth t = shipped();
        assertEquals(100, t.percentile(Architecture.parseNb201(CONV)), 1e-9);
        assertEquals(50, t.percentile(Architecture.parseNb201(SKIP)), 1e-9);
        assertEquals(0, t.percentile(Architecture.parseNb201(POOL)), 1e-9);
    }

    @Test
    void coverageCountsCellsSeedsAndTrainings() {
        GroundTruth.Coverage c = shipped().coverage();
        assertEquals(3, c.cells());
        assertEquals(4660, c.canonicalCells());
        assertEquals(2, c.multiSeedCells());
        assertEquals(5, c.trainings());
    }

    @Test
    void tableHasOneRowPerCellAndAColumnPerSeed() {
        Table t = shipped().table();
        assertEquals(3, t.rowCount());
        assertTrue(t.columnNames().containsAll(List.of("key", "arch", "accuracy", "accuracy_seed0", "accuracy_seed1",
                "params", "seconds", "protocol", "percentile")));
        assertEquals(1, t.doubleColumn("accuracy_seed1").countMissing());
    }

    @Test
    void aCellOutsideTheTableIsAnErrorGivingTheCommandThatAddsIt() {
        GroundTruth t = shipped();
        Architecture absent = Architecture.parseNb201(ABSENT);
        assertFalse(t.contains(absent));
        NoSuchElementException e = assertThrows(NoSuchElementException.class, () -> t.accuracy(absent));
        assertTrue(e.getMessage().contains("not in the ground-truth table"), e.getMessage());
        assertTrue(e.getMessage().contains("./lab groundtruth --arch '" + ABSENT + "'"), e.getMessage());
    }

    @Test
    void seedAgreementNeedsThreeCellsWithBothSeeds() {
        GroundTruth t = shipped();
        assertEquals(null, t.seedAgreement(0, 1));
        GroundTruth four = GroundTruth.of(t.header(), List.of(row(CONV, 0.80, 0.78), row(POOL, 0.40, 0.44),
                row(SKIP, 0.60, 0.64), row(ABSENT, 0.70, 0.50)));
        GroundTruth.SeedAgreement a = four.seedAgreement(0, 1);
        assertNotNull(a);
        assertEquals(4, a.cells());
        // Orders: seed 0 CONV > ABSENT > SKIP > POOL; seed 1 CONV > SKIP > ABSENT > POOL: one discordant pair of 6.
        assertEquals(4.0 / 6, a.kendallTau(), 1e-9);
        assertEquals((0.02 + 0.04 + 0.04 + 0.20) / 4, a.meanAbsoluteDifference(), 1e-9);
    }

    @Test
    void theFileRecordsItsProvenanceAndTablesawReadsIt() throws IOException {
        shipped();
        Path f = dir.resolve("gt.csv");
        String text = Files.readString(f);
        for (String field : List.of("# library: ", "# machine: ", "# date: ", "# protocol: " + PROTOCOL.fingerprint())) {
            assertTrue(text.contains(field), field);
        }
        Table read = Table.read().csv(CsvReadOptions.builder(f.toFile()).commentPrefix('#').build());
        assertEquals(3, read.rowCount());
        assertEquals(GroundTruth.load(f).header(), GroundTruth.load(f).header());
    }

    private IllegalArgumentException malformed(String find, String replace) throws IOException {
        shipped();
        Path f = dir.resolve("gt.csv");
        String text = Files.readString(f);
        assertTrue(text.contains(find), "fixture holds " + find);
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, text.replaceFirst(java.util.regex.Pattern.quote(find),
                java.util.regex.Matcher.quoteReplacement(replace)));
        return assertThrows(IllegalArgumentException.class, () -> GroundTruth.load(bad));
    }

    private static int lineOf(String text, String needle) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n")));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(needle)) {
                return i + 1;
            }
        }
        return -1;
    }

    @Test
    void aMalformedAccuracyNamesTheFileLineAndField() throws IOException {
        IllegalArgumentException e = malformed("0.400000,0.400000,", "0.400000,zero point four,");
        String text = Files.readString(dir.resolve("bad.csv"));
        int line = lineOf(text, "zero point four");
        assertTrue(e.getMessage().contains("bad.csv, line " + line + ", field 'accuracy_seed0'"), e.getMessage());
    }

    @Test
    void aKeyThatIsNotTheArchitecturesIsRefused() throws IOException {
        String key = Nb201Canonical.key(Architecture.parseNb201(POOL));
        IllegalArgumentException e = malformed(key + ",", "x+" + key + ",");
        assertTrue(e.getMessage().contains("field 'key'"), e.getMessage());
    }

    @Test
    void aMissingHeaderLineIsNamed() throws IOException {
        IllegalArgumentException e = malformed("# machine: ", "# computer: ");
        assertTrue(e.getMessage().contains("field 'header'") && e.getMessage().contains("# machine"), e.getMessage());
    }

    @Test
    void aRowOfAnotherProtocolIsRefused() throws IOException {
        IllegalArgumentException e = malformed(",20.50," + PROTOCOL.fingerprint(), ",20.50,deadbeef");
        assertTrue(e.getMessage().contains("field 'protocol'") && e.getMessage().contains("deadbeef"), e.getMessage());
    }

    @Test
    void aMissingFileSaysHowToBuildIt() {
        Exception e = assertThrows(java.io.UncheckedIOException.class, () -> GroundTruth.load(dir.resolve("none.csv")));
        assertTrue(e.getMessage().contains("./lab groundtruth"), e.getMessage());
    }
}
