package org.dnaslab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.dnaslab.evaluate.GroundTruth;
import org.dnaslab.evaluate.TrainingProtocol;
import org.dnaslab.space.Architecture;
import org.dnaslab.space.Nb201Canonical;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroundTruthBuildTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void threads() {
        SweepMain.oneThreadPerTask();
    }

    private GroundTruthBuild build(int cells, int seeds, int multi, List<Architecture> extra) {
        return new GroundTruthBuild(dir.resolve("gt.csv"), Tiny.PROTOCOL, cells, seeds, multi, extra, Tiny.DATA,
                dir.resolve("store"), "local[2]", 3);
    }

    @Test
    void theSampleIsAFixedUniformOrderOfTheCanonicalCells() {
        List<Architecture> a = GroundTruthBuild.sampleOrder();
        assertEquals(a, GroundTruthBuild.sampleOrder());
        assertEquals(Nb201Canonical.uniqueCells().size(), a.size());
        assertEquals(a.size(), a.stream().map(Nb201Canonical::key).distinct().count());
        // Not the key order: the first 20 are not the first 20 keys.
        assertTrue(!a.subList(0, 20).equals(Nb201Canonical.uniqueCells().subList(0, 20)));
    }

    @Test
    void buildsExtendsAndResumesWithoutTrainingTwice() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(sink, true, StandardCharsets.UTF_8);
        GroundTruth first = build(3, 2, 1, List.of()).run(out);
        assertEquals(3, first.coverage().cells());
        assertEquals(1, first.coverage().multiSeedCells());
        assertEquals(4, first.coverage().trainings());

        GroundTruth loaded = GroundTruth.load(dir.resolve("gt.csv"));
        Architecture firstCell = GroundTruthBuild.sampleOrder().get(0);
        assertEquals(2, loaded.accuracies(firstCell).size());
        assertEquals(first.accuracy(firstCell), loaded.accuracy(firstCell), 1e-6);

        String rerun = runAndLog(build(3, 2, 1, List.of()));
        assertTrue(rerun.contains("0 trainings to run"), rerun);

        Architecture extra = Architecture.parseNb201(
                "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|");
        String extended = runAndLog(build(4, 2, 1, List.of(extra)));
        // One more sampled cell (seed 0) and the extra cell with both seeds.
        assertTrue(extended.contains("3 trainings to run"), extended);
        GroundTruth grown = GroundTruth.load(dir.resolve("gt.csv"));
        assertEquals(5, grown.coverage().cells());
        assertEquals(2, grown.accuracies(extra).size());
        assertEquals(first.accuracy(firstCell), grown.accuracy(firstCell), 1e-6);
    }

    private String runAndLog(GroundTruthBuild b) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        b.run(new PrintStream(sink, true, StandardCharsets.UTF_8));
        return sink.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aTableOfAnotherProtocolIsNotExtended() {
        build(1, 1, 0, List.of()).run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        TrainingProtocol other = Tiny.PROTOCOL.toBuilder().setEpochs(2).build();
        GroundTruthBuild b = new GroundTruthBuild(dir.resolve("gt.csv"), other, 1, 1, 0, List.of(), Tiny.DATA,
                dir.resolve("store"), "local[1]", 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::existing);
        assertTrue(e.getMessage().contains(other.fingerprint()) && e.getMessage().contains("--table"), e.getMessage());
    }
}
