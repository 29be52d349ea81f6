package org.dnaslab.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one JSON helper: strict reads name the file and the field that is wrong; the lenient mode, asked for by name,
 * takes what another program writes; both read back what the project writes, non-finite numbers included.
 */
class JsonTest {
    record Part(String name, double weight) {
    }

    record Sample(String label, int count, List<Part> parts) {
    }

    private static final Sample SAMPLE = new Sample("s", 3, List.of(new Part("a", 0.5), new Part("b", Double.NaN)));

    @Test
    void whatIsWrittenIsReadBackStrictlyNonFiniteNumbersIncluded(@TempDir Path dir) {
        Path f = dir.resolve("sample.json");
        Json.write(f, SAMPLE);
        Sample back = Json.read(f, Sample.class);
        assertEquals("s", back.label());
        assertEquals(0.5, back.parts().get(0).weight());
        assertTrue(Double.isNaN(back.parts().get(1).weight()), "NaN comes back as NaN");
        assertEquals(Json.write(SAMPLE), Json.write(Json.read(Json.write(SAMPLE), Sample.class)),
                "the text of a value read back is the text written");
    }

    @Test
    void anUnknownFieldIsAnErrorNamingTheFileAndTheField(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("sample.json");
        Files.writeString(f, Json.write(SAMPLE).replace("\"weight\" : 0.5", "\"weight\" : 0.5, \"wieght\" : 1"));
        String m = assertThrows(UncheckedIOException.class, () -> Json.read(f, Sample.class)).getMessage();
        assertTrue(m.contains(f.toString()) && m.contains("\"wieght\"") && m.contains("parts[0]"), m);
    }

    @Test
    void aMissingFieldIsAnErrorNotADefault(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("sample.json");
        Files.writeString(f, Json.write(SAMPLE).replaceFirst("\"count\" : 3,", ""));
        String m = assertThrows(UncheckedIOException.class, () -> Json.read(f, Sample.class)).getMessage();
        assertTrue(m.contains(f.toString()) && m.contains("'count'"), m);
    }

    @Test
    void aKeyGivenTwiceIsAnError() {
        String twice = "{\"label\": \"s\", \"count\": 3, \"count\": 4, \"parts\": []}";
        String m = assertThrows(IllegalArgumentException.class, () -> Json.read(twice, Sample.class)).getMessage();
        assertTrue(m.contains("Sample") && m.contains("count") && m.contains("line 1"), m);
        assertThrows(IllegalArgumentException.class, () -> Json.tree(twice, "twice"));
    }

    @Test
    void theLenientModeTakesWhatAnotherProgramWrites(@TempDir Path dir) throws Exception {
        // Python's json.dumps: bare NaN, a field this side does not know, a field it does not write
        String python = "{\"label\": \"py\", \"torch\": \"1.13\", \"parts\": [{\"name\": \"a\", \"weight\": NaN}]}";
        Path f = dir.resolve("reference.json");
        Files.writeString(f, python);
        Sample s = Json.readLenient(f, Sample.class);
        assertEquals("py", s.label());
        assertEquals(0, s.count(), "missing: the type's default");
        assertTrue(Double.isNaN(s.parts().get(0).weight()));
        assertTrue(Double.isNaN(Json.treeLenient(python, "reference").get("parts").get(0).get("weight").asDouble()));

        assertThrows(UncheckedIOException.class, () -> Json.read(f, Sample.class), "strict refuses the same file");
        String m = assertThrows(IllegalArgumentException.class, () -> Json.tree(python, "the reference")).getMessage();
        assertTrue(m.startsWith("the reference: not valid JSON"), m);
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Path f = dir.resolve("none.json");
        String m = assertThrows(UncheckedIOException.class, () -> Json.read(f, Sample.class)).getMessage();
        assertEquals("missing file " + f, m);
    }
}
