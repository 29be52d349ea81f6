package org.dnaslab.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.dnaslab.evaluate.MethodResult;
import org.dnaslab.evaluate.TrainedResult;
import org.dnaslab.evaluate.TrainingProtocol;
import org.dnaslab.space.Architecture;
import org.dnaslab.space.CellType;
import org.dnaslab.space.SearchSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultStoreTest {
    @TempDir
    Path dir;

    private static TrainedResult result(double acc) {
        Architecture a = Architecture.of(SearchSpace.nb201(), List.of("nor_conv_3x3", "skip_connect", "none",
                "avg_pool_3x3", "nor_conv_1x1", "nor_conv_3x3"));
        Map<String, Double> metrics = new java.util.LinkedHashMap<>();
        metrics.put("params", 1.5e5);
        metrics.put("loss", 0.3);
        return new TrainedResult(a, acc, 0.99, 3, 12.5, TrainingProtocol.full(), metrics);
    }

    @Test
    void savedRecordsComeBackEqualWithTheirProtocol() {
        ResultStore store = ResultStore.open(dir);
        assertFalse(store.contains("random/arch-0"));
        store.save("random/arch-0", result(0.8));
        assertTrue(store.contains("random/arch-0"));
        assertTrue(Files.isRegularFile(dir.resolve("random/arch-0.json")));
        TrainedResult back = store.load("random/arch-0", TrainedResult.class);
        assertEquals(result(0.8), back);
        assertEquals("cutout 16, auxiliary 0.4, drop-path 0.2", back.protocol().describeTricks());
        assertEquals(List.of("params", "loss"), List.copyOf(back.metrics().keySet()));
    }

    @Test
    void aDartsArchitectureWithDroppedEdgesSurvivesTheRoundTrip() {
        SearchSpace darts = SearchSpace.darts();
        Architecture a = Architecture.parseGenotype("Genotype(normal=[('sep_conv_3x3', 0), ('sep_conv_3x3', 1), "
                + "('skip_connect', 0), ('sep_conv_3x3', 1), ('skip_connect', 0), ('sep_conv_3x3', 1), "
                + "('sep_conv_3x3', 0), ('skip_connect', 2)], normal_concat=range(2, 6), reduce=[('max_pool_3x3', 0), "
                + "('max_pool_3x3', 1), ('skip_connect', 2), ('max_pool_3x3', 0), ('max_pool_3x3', 0), "
                + "('skip_connect', 2), ('skip_connect', 2), ('avg_pool_3x3', 0)], reduce_concat=range(2, 6))");
        assertEquals(darts.name(), a.space().name());
        MethodResult r = new MethodResult(3, a, 0.7, Map.of());
        ResultStore store = ResultStore.open(dir);
        store.save("method/darts/seed-3", r);
        MethodResult back = store.load("method/darts/seed-3", MethodResult.class);
        assertEquals(r, back);
        assertFalse(back.architecture().kept(CellType.NORMAL, 4), "edge 3<-2 of DARTS_V2's normal cell is dropped");
    }

    @Test
    void recordsSayWhenAndByWhichVersionTheyWereMade() throws IOException {
        ResultStore store = ResultStore.open(dir);
        store.save("x", result(0.5));
        String text = Files.readString(store.file("x"));
        assertTrue(text.contains("\"savedAt\""), text);
        assertTrue(text.contains("\"type\" : \"TrainedResult\""), text);
        // One version source: the version a run record carries (ProjectVersion), also from target/classes, where
        // the jar's manifest and Maven metadata that the store once read do not exist.
        assertTrue(ProjectVersion.get().matches("\\d+\\.\\d+\\.\\d+.*"), ProjectVersion.get());
        assertEquals(ProjectVersion.get(), Json.MAPPER.readTree(text).get("version").asText(), text);
    }

    @Test
    void listReturnsKeysBelowAPrefixOnly() throws IOException {
        ResultStore store = ResultStore.open(dir);
        store.save("random/arch-0", result(0.1));
        store.save("random/arch-1", result(0.2));
        store.save("random/deeper/arch-0", result(0.3));
        store.save("randomized/arch-0", result(0.4));
        store.save("random", result(0.5));
        // What a killed AtomicFiles write leaves behind, and a quarantined record: neither is a result.
        Files.writeString(dir.resolve("random/.arch-2.json.123.tmp"), "{\"ke");
        Files.writeString(dir.resolve("random/arch-3.json.corrupt-20250101T000000.000"), "garbage");
        assertEquals(List.of("random", "random/arch-0", "random/arch-1", "random/deeper/arch-0"), store.list("random"));
        assertEquals(List.of("random/arch-0", "random/arch-1", "random/deeper/arch-0"), store.list("random/"));
        assertEquals(5, store.list("").size());
        assertEquals(List.of(), store.list("nothing"));
    }

    @Test
    void aTruncatedRecordIsAnErrorNamingTheFileAndTheProblem() throws IOException {
        ResultStore store = ResultStore.open(dir);
        store.save("random/arch-0", result(0.8));
        Path f = store.file("random/arch-0");
        String text = Files.readString(f);
        Files.writeString(f, text.substring(0, text.length() / 2));
        var e = assertThrows(CorruptRecordException.class, () -> store.load("random/arch-0", TrainedResult.class));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("invalid JSON"), e.getMessage());
        assertTrue(e.getMessage().contains("line "), e.getMessage());
        assertEquals(f, e.file());
        // Corrupt is not "missing": a runner must not silently recompute it.
        assertThrows(CorruptRecordException.class, () -> store.find("random/arch-0", TrainedResult.class));
    }

    @Test
    void aRecordOfTheWrongShapeIsCorruptNotDefaulted() throws IOException {
        ResultStore store = ResultStore.open(dir);
        store.save("k", result(0.8));
        Path f = store.file("k");
        Files.writeString(f, Files.readString(f).replace("\"testAccuracy\"", "\"testAcc\""));
        var e = assertThrows(CorruptRecordException.class, () -> store.load("k", TrainedResult.class));
        assertTrue(e.getMessage().contains("not a valid TrainedResult"), e.getMessage());
        Files.writeString(f, "");
        var empty = assertThrows(CorruptRecordException.class, () -> store.load("k", TrainedResult.class));
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
    }

    @Test
    void quarantineSetsARecordAsideSoTheKeyCountsAsMissing() throws IOException {
        ResultStore store = ResultStore.open(dir);
        store.save("k", result(0.8));
        Files.writeString(store.file("k"), "{ not json");
        Path aside = store.quarantine("k");
        assertFalse(store.contains("k"));
        assertEquals(Optional.empty(), store.find("k", TrainedResult.class));
        assertEquals("{ not json", Files.readString(aside));
        assertTrue(aside.getFileName().toString().startsWith("k.json.corrupt-"), aside.toString());
    }

    @Test
    void missingRecordsAndBadKeysAreNamedErrors() {
        ResultStore store = ResultStore.open(dir);
        var missing = assertThrows(NoSuchElementException.class, () -> store.load("random/arch-9", TrainedResult.class));
        assertTrue(missing.getMessage().contains("random/arch-9"), missing.getMessage());
        for (String bad : List.of("../escape", "a//b", ".hidden", "", "a/", "spaces here")) {
            assertThrows(IllegalArgumentException.class, () -> store.save(bad, result(0.1)), bad);
        }
    }
}
