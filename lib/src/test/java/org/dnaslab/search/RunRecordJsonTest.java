package org.dnaslab.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dnaslab.space.Architecture;
import org.dnaslab.space.CellType;
import org.dnaslab.space.SearchSpace;
import org.dnaslab.store.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** run.json keeps each epoch's space, and still reads records written before it did. */
class RunRecordJsonTest {

    private static EpochMetrics epoch(int i, Architecture a) {
        SearchSpace space = a.space();
        Map<String, double[][]> softmax = new LinkedHashMap<>();
        Map<String, double[]> entropy = new LinkedHashMap<>();
        for (CellType t : space.cellTypes()) {
            double[][] p = new double[space.edges().size()][space.ops().size()];
            for (double[] row : p) {
                java.util.Arrays.fill(row, 1.0 / space.ops().size());
            }
            softmax.put(t.key(), p);
            entropy.put(t.key(), new double[space.edges().size()]);
        }
        return new EpochMetrics(i, 1.5, 0.4, 1.6, 0.35, 0.025, 2.0, softmax, entropy, a);
    }

    private static RunRecord record(String space, List<Architecture> architectures) {
        SearchConfig config = SearchConfig.builder().setSpace(space).setEpochs(architectures.size()).build();
        List<EpochMetrics> epochs = new java.util.ArrayList<>();
        for (int i = 0; i < architectures.size(); i++) {
            epochs.add(epoch(i, architectures.get(i)));
        }
        return new RunRecord("dnaslab", "test", "darts-search", SearchStatus.FINISHED, config, null,
                epochs.size(), 0, epochs, architectures.get(architectures.size() - 1).toText(), 4.0, "test (8 images)");
    }

    private static List<Architecture> sampled(SearchSpace space) {
        return List.of(Architecture.sample(space, new SplittableRandom(1)), Architecture.sample(space, new SplittableRandom(2)));
    }

    @Test
    void eachEpochNamesItsSpaceAndItsArchitectureAsText(@TempDir Path dir) throws Exception {
        for (String name : SearchSpace.names()) {
            List<Architecture> archs = sampled(SearchSpace.byName(name));
            Path file = dir.resolve(name + ".json");
            Json.write(file, record(name, archs));
            JsonNode first = Json.MAPPER.readTree(file.toFile()).get("epochs").get(0);
            assertEquals(name, first.get("space").asText());
            assertEquals(archs.get(0).toText(), first.get("architecture").asText());
            RunRecord back = Json.read(file, RunRecord.class);
            assertEquals(archs, back.epochs().stream().map(EpochMetrics::architecture).toList(), name);
            assertEquals(name, back.epochs().get(1).space().name());
            assertEquals(1.0 / SearchSpace.byName(name).ops().size(),
                    back.epochs().get(0).softmax().get("normal")[archs.get(0).space().edges().size() - 1][0], 1e-12, "softmax(α) survives the round trip");
        }
    }

    @Test
    void aRecordFromBeforeEpochsNamedTheirSpaceIsReadInItsConfigsSpace(@TempDir Path dir) throws Exception {
        List<Architecture> archs = sampled(SearchSpace.s3());
        Path file = dir.resolve("run.json");
        Json.write(file, record("s3", archs));
        ObjectNode old = (ObjectNode) Json.MAPPER.readTree(file.toFile());
        for (JsonNode e : old.get("epochs")) {
            ((ObjectNode) e).remove("space");   // the previous version wrote no space per epoch
        }
        Files.writeString(file, Json.MAPPER.writeValueAsString(old));
        RunRecord back = Json.read(file, RunRecord.class);
        assertEquals(archs, back.epochs().stream().map(EpochMetrics::architecture).toList());
        assertEquals("s3", back.epochs().get(0).space().name());

        ObjectNode noSpace = old.deepCopy();
        ((ObjectNode) noSpace.get("config").get("supernet")).remove("space");
        Files.writeString(file, Json.MAPPER.writeValueAsString(noSpace));
        UncheckedIOException missing = assertThrows(UncheckedIOException.class, () -> Json.read(file, RunRecord.class));
        // the strict reader names the file and the missing field
        assertTrue(missing.getMessage().contains(file.toString())
                && missing.getMessage().contains("config.supernet.space"), missing.getMessage());

        old.remove("config");   // nowhere to take the space from: the strict reader refuses the record itself
        Files.writeString(file, Json.MAPPER.writeValueAsString(old));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Json.read(file, RunRecord.class));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("'config'"), e.getMessage());
    }

    @Test
    void anEpochWhoseArchitectureDoesNotFitItsSpaceNamesTheEpoch(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("run.json");
        Json.write(file, record("s2", sampled(SearchSpace.s2())));
        ObjectNode tree = (ObjectNode) Json.MAPPER.readTree(file.toFile());
        ((ObjectNode) tree.get("epochs").get(1)).put("architecture", Architecture.sample(SearchSpace.darts(),
                new SplittableRandom(9)).toText());
        Files.writeString(file, Json.MAPPER.writeValueAsString(tree));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Json.read(file, RunRecord.class));
        assertTrue(e.getMessage().contains("epoch 1") && e.getMessage().contains("s2"), e.getMessage());
    }

    @Test
    void softmaxOfAnotherShapeThanTheSpaceIsRefused() {
        Architecture nb = Architecture.sample(SearchSpace.nb201(), new SplittableRandom(1));
        var e = assertThrows(IllegalArgumentException.class, () -> new EpochMetrics(0, 1, 0, 1, 0, 0.1, 1,
                Map.of("normal", new double[14][8]), Map.of("normal", new double[14]), nb));
        assertTrue(e.getMessage().contains("softmax.normal") && e.getMessage().contains("[6 edges][5 ops]"),
                e.getMessage());
    }
}
