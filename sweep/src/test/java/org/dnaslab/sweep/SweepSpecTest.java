package org.dnaslab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class SweepSpecTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void threads() {
        SweepMain.oneThreadPerTask();
    }

    private String spec(String searches, String trainings) {
        return "{\"name\": \"tiny\", \"space\": \"nb201\", \"data\": {\"kind\": \"synthetic\", \"train\": 128, "
                + "\"test\": 64}, \"store\": \"" + dir.resolve("store") + "\", \"master\": \"local[2]\""
                + (searches != null ? ", \"searches\": " + searches : "")
                + (trainings != null ? ", \"trainings\": " + trainings : "") + "}";
    }

    private static final String SEARCHES = "{\"methods\": [\"darts\"], \"seeds\": [0], \"budgets\": [{\"epochs\": 1, "
            + "\"channels\": 4, \"cells\": 1, \"batch\": 16, \"trainLimit\": 64}]}";
    private static final String TRAININGS = "{\"sample\": 2, \"cells\": [\"|nor_conv_3x3~0|+|none~0|none~1|+|"
            + "skip_connect~0|none~1|nor_conv_1x1~2|\"], \"seeds\": [0, 1], \"protocol\": " + Tiny.PROTOCOL.toJson()
            + "}";

    private IllegalArgumentException refused(String json) {
        return assertThrows(IllegalArgumentException.class, () -> SweepSpec.parse("spec.json", json));
    }

    @Test
    void aGridOfSearchesAndTrainingsRunsAsOneTable() throws Exception {
        SweepSpec s = SweepSpec.parse("spec.json", spec(SEARCHES, TRAININGS));
        assertEquals(1 + 3 * 2, s.tasks().size());
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        Table t = Sweep.run(s, null, new PrintStream(sink, true, StandardCharsets.UTF_8));
        assertEquals(7, t.rowCount());
        assertEquals(1, t.where(t.stringColumn("kind").isEqualTo("search")).rowCount());
        assertTrue(Files.isRegularFile(dir.resolve("store/sweep.csv")));
        String log = sink.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("7/7 done"), log);
        // The same trainings, serially, give the same accuracies.
        Table again = Sweep.table("serial", SerialRunner.run(s.tasks(), new RunTask(), null));
        assertEquals(t.doubleColumn("accuracy").asList(), again.doubleColumn("accuracy").asList());
    }

    @Test
    void anUnknownSpaceIsRefusedNamingTheField() {
        IllegalArgumentException e = refused(spec(SEARCHES, null).replace("\"nb201\"", "\"nb301\""));
        assertTrue(e.getMessage().contains("space: unknown space 'nb301', expected one of"), e.getMessage());
        assertTrue(e.getMessage().contains("nothing was run"), e.getMessage());
    }

    @Test
    void anUnknownMethodIsRefused() {
        IllegalArgumentException e = refused(spec(SEARCHES.replace("darts", "enas"), null));
        assertTrue(e.getMessage().contains("searches.methods: unknown method 'enas', expected one of [darts]"),
                e.getMessage());
    }

    @Test
    void anUnknownFieldIsRefused() {
        IllegalArgumentException e = refused(spec(SEARCHES.replace("\"epochs\"", "\"epoch\""), null));
        assertTrue(e.getMessage().contains("searches.budgets[0].epoch: unknown field"), e.getMessage());
        assertTrue(e.getMessage().contains("searches.budgets[0].epochs: missing"), e.getMessage());
    }

    @Test
    void anImpossibleBudgetIsRefused() {
        IllegalArgumentException e = refused(spec(SEARCHES.replace("\"batch\": 16", "\"batch\": 64"), null));
        assertTrue(e.getMessage().contains("searches.budgets[0].batch: impossible budget"), e.getMessage());
        IllegalArgumentException more = refused(spec(SEARCHES.replace("\"trainLimit\": 64", "\"trainLimit\": 500"),
                null));
        assertTrue(more.getMessage().contains("searches.budgets[0].trainLimit: 500 images, but data.train offers "
                + "only 128"), more.getMessage());
    }

    @Test
    void aBadProtocolAndAnEmptySpecAreRefused() {
        IllegalArgumentException e = refused(spec(null, TRAININGS.replaceFirst("\"epochs\"\\s*:\\s*1", "\"epochs\":0")));
        assertTrue(e.getMessage().contains("trainings.protocol: ") && e.getMessage().contains("epochs must be >= 1"),
                e.getMessage());
        IllegalArgumentException none = refused(spec(null, null));
        assertTrue(none.getMessage().contains("expected at least one of them"), none.getMessage());
    }
}
