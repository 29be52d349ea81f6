package org.dnaslab.search;

import ai.djl.ndarray.NDArray;
import org.dnaslab.data.ImageDataset;
import org.dnaslab.data.SyntheticData;
import org.dnaslab.space.CellType;
import org.dnaslab.train.NonFiniteLossException;
import org.dnaslab.train.TrainingInterruptedException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A damaged, edited or mismatched run directory is an error that names the file and what is wrong, never ignored;
 * a loss that turns NaN stops the search at that step without saving over the last good checkpoint.
 */
class RunDirectoryFaultsTest {
    private static ImageDataset data;

    @BeforeAll
    static void data() {
        // 96 grey 8x8 gratings in 3 classes: 3 steps of 16 per epoch on each half
        data = SyntheticData.gratings("tiny", 96, 3, 1, 8, 8, new SplittableRandom(5));
    }

    private static SearchConfig.Builder config(String space) {
        return SearchConfig.builder().setSpace(space).optChannels(4).optCells(space.equals("nb201") ? 1 : 3)
                .optInput(1, 8).optClasses(3).optSeed(3).setEpochs(2).optBatchSize(16);
    }

    /** A finished two-epoch NB201 search in {@code dir}; returns its final α. */
    private static float[] search(Path dir, SearchConfig config) {
        try (DartsSearch s = DartsSearch.builder(config).optRunDirectory(dir).optProgress(false).build()) {
            s.run(data);
            return s.supernet().arch().alpha(CellType.NORMAL).toFloatArray();
        }
    }

    private static Exception resumeFails(Path dir) {
        return assertThrows(RuntimeException.class, () -> DartsSearch.resume(dir).close());
    }

    private static void assertNames(Exception e, Path file, String... what) {
        String m = e.getMessage();
        assertTrue(m.contains(file.toString()), "names " + file + ": " + m);
        for (String w : what) {
            assertTrue(m.contains(w), "says '" + w + "': " + m);
        }
    }

    @Test
    void aTruncatedCheckpointIsReportedAsTruncated(@TempDir Path dir) throws Exception {
        search(dir, config("nb201").build());
        Path ckpt = dir.resolve("checkpoint.bin");
        byte[] bytes = Files.readAllBytes(ckpt);
        Files.write(ckpt, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertNames(resumeFails(dir), ckpt, "truncated");
    }

    @Test
    void anEditedCheckpointFailsItsChecksum(@TempDir Path dir) throws Exception {
        search(dir, config("nb201").build());
        Path ckpt = dir.resolve("checkpoint.bin");
        byte[] bytes = Files.readAllBytes(ckpt);
        bytes[bytes.length * 2 / 3] ^= 0x10; // one bit inside some weight
        Files.write(ckpt, bytes);
        assertNames(resumeFails(dir), ckpt, "checksum mismatch");
    }

    @Test
    void aCheckpointOrRunRecordFromAnotherSpaceDoesNotFit(@TempDir Path tmp) throws Exception {
        Path nb = tmp.resolve("nb201");
        Path darts = tmp.resolve("darts");
        search(nb, config("nb201").build());
        search(darts, config("darts").setEpochs(1).build());
        Path mixed = Files.createDirectories(tmp.resolve("mixed"));
        Files.copy(nb.resolve("run.json"), mixed.resolve("run.json"));
        Files.copy(darts.resolve("checkpoint.bin"), mixed.resolve("checkpoint.bin"));
        assertNames(resumeFails(mixed), mixed.resolve("checkpoint.bin"), "does not fit this network",
                "another configuration or search space");
        Files.copy(darts.resolve("run.json"), mixed.resolve("run.json"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(nb.resolve("checkpoint.bin"), mixed.resolve("checkpoint.bin"), StandardCopyOption.REPLACE_EXISTING);
        assertNames(resumeFails(mixed), mixed.resolve("checkpoint.bin"), "does not fit this network");
    }

    @Test
    void aTruncatedOrEditedRunRecordNamesRunJsonAndTheProblem(@TempDir Path dir) throws Exception {
        search(dir, config("nb201").build());
        Path json = dir.resolve("run.json");
        String text = Files.readString(json);

        // cut after a structural comma (pretty-printed: strings hold no raw newline), so the record ends
        // between values; a cut at a fixed offset could land inside a number whose digits vary by CPU
        Files.writeString(json, text.substring(0, text.lastIndexOf(",\n", text.length() / 2) + 1));
        assertNames(resumeFails(dir), json, "Unexpected end-of-input");

        Files.writeString(json, text.replace("\"space\" : \"nb201\"", "\"space\" : \"nb999\""));
        assertNames(resumeFails(dir), json, "nb999");

        // a record whose epochs end before the checkpoint's position: not the checkpoint's run
        com.fasterxml.jackson.databind.node.ObjectNode edited =
                (com.fasterxml.jackson.databind.node.ObjectNode) org.dnaslab.store.Json.MAPPER.readTree(text);
        edited.putArray("epochs");
        Files.writeString(json, org.dnaslab.store.Json.MAPPER.writeValueAsString(edited));
        assertNames(resumeFails(dir), dir.resolve("checkpoint.bin"), "is at epoch 2", "records 0 epochs",
                "not from the same run");

        // channels edited: every weight has another shape than the checkpoint's
        Files.writeString(json, text.replace("\"channels\" : 4", "\"channels\" : 6"));
        assertNames(resumeFails(dir), dir.resolve("checkpoint.bin"), "the network expects");

        Files.writeString(json, text);
        DartsSearch.resume(dir).close();
    }

    @Test
    void temporaryFilesLeftByAKilledWriteAreIgnored(@TempDir Path dir) throws Exception {
        float[] alpha = search(dir, config("nb201").build());
        Files.writeString(dir.resolve(".checkpoint.bin.123456.tmp"), "half a checkpoint", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(".run.json.654321.tmp"), "{ \"project\" : ", StandardCharsets.UTF_8);
        try (DartsSearch s = DartsSearch.resume(dir)) {
            assertEquals(2, s.epochsDone());
            assertArrayEquals(alpha, s.supernet().arch().alpha(CellType.NORMAL).toFloatArray(), 0f);
        }
    }

    @Test
    void resumingOnOtherDataIsRefused(@TempDir Path dir) {
        try (DartsSearch s = DartsSearch.builder(config("nb201").setEpochs(2).build()).optRunDirectory(dir)
                .optProgress(false).addListener(new SearchListener() {
                    @Override
                    public void onEpoch(EpochMetrics m) {
                        Thread.currentThread().interrupt(); // stop after epoch 1
                    }
                }).build()) {
            try {
                assertThrows(TrainingInterruptedException.class, () -> s.run(data));
            } finally {
                Thread.interrupted();
            }
        }
        ImageDataset other = SyntheticData.gratings("other", 96, 3, 1, 8, 8, new SplittableRandom(6));
        try (DartsSearch s = DartsSearch.resume(dir)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.run(other));
            assertTrue(e.getMessage().contains("tiny (96 images)") && e.getMessage().contains("other (96 images)")
                    && e.getMessage().contains(dir.resolve("run.json").toString()), e.getMessage());
            assertEquals(SearchStatus.FINISHED, s.run(data).status(), "the same data continues it");
        }
    }

    @Test
    void aNaNLossStopsAtItsStepAndKeepsTheLastGoodCheckpoint(@TempDir Path dir) throws Exception {
        AtomicReference<DartsSearch> self = new AtomicReference<>();
        AtomicReference<byte[]> goodCheckpoint = new AtomicReference<>();
        AtomicReference<String> goodRecord = new AtomicReference<>();
        SearchListener poison = new SearchListener() {
            @Override
            public void onEpoch(EpochMetrics m) {
                try {
                    goodCheckpoint.set(Files.readAllBytes(dir.resolve("checkpoint.bin")));
                    goodRecord.set(Files.readString(dir.resolve("run.json")));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }

            @Override
            public void onStep(StepMetrics m) {
                if (m.epoch() == 1 && m.step() == 0) {
                    // after the first step of epoch 2: one weight becomes NaN, as a diverging update would make it
                    try (AutoCloseable noGrad = Gradients.noGrad()) {
                        NDArray w = self.get().supernet().weights().get(0);
                        w.addi(Float.NaN);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        };
        try (DartsSearch s = DartsSearch.builder(config("nb201").setEpochs(3).build()).optRunDirectory(dir)
                .addListener(poison).optProgress(false).build()) {
            self.set(s);
            NonFiniteLossException e = assertThrows(NonFiniteLossException.class, () -> s.run(data));
            String m = e.getMessage();
            assertTrue(m.contains("epoch 2, batch 2 of 3") && m.contains("loss NaN"), m);
            assertTrue(m.contains(dir.resolve("checkpoint.bin") + " keeps the end of epoch 1"), m);
            assertEquals(SearchStatus.FAILED, s.status());
            assertArrayEquals(goodCheckpoint.get(), Files.readAllBytes(dir.resolve("checkpoint.bin")),
                    "the NaN state was not written over the checkpoint");
            assertEquals(goodRecord.get(), Files.readString(dir.resolve("run.json")));
            IllegalStateException save = assertThrows(IllegalStateException.class, s::save);
            assertTrue(save.getMessage().contains("epoch 2, batch 2"), save.getMessage());
            assertThrows(IllegalStateException.class, () -> s.run(data), "a spoiled search does not continue");
        }
        try (DartsSearch resumed = DartsSearch.resume(dir)) {
            assertEquals(1, resumed.epochsDone());
            for (NDArray w : resumed.supernet().weights()) {
                assertTrue(w.isNaN().any().getBoolean() == false, "the checkpoint holds no NaN");
            }
        }
    }
}
