package org.dnaslab.search;

import org.dnaslab.data.ImageDataset;
import org.dnaslab.data.SyntheticData;
import org.dnaslab.space.CellType;
import org.dnaslab.train.TrainingInterruptedException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DartsSearchTest {
    private static ImageDataset data;

    @BeforeAll
    static void data() {
        // 96 grey 8x8 gratings in 3 classes: 2 steps of 16 per epoch on each half
        data = SyntheticData.gratings("tiny", 96, 3, 1, 8, 8, new java.util.SplittableRandom(5));
    }

    private static SearchConfig config(long seed, int epochs) {
        return SearchConfig.builder().setSpace("nb201").optChannels(4).optCells(1).optInput(1, 8).optClasses(3)
                .optSeed(seed).setEpochs(epochs).optBatchSize(16).optAlphaLr(3e-2).build();
    }

    private static float[] alphaAfter(SearchConfig config) {
        try (DartsSearch s = DartsSearch.builder(config).optProgress(false).build()) {
            s.run(data);
            return s.supernet().arch().alpha(CellType.NORMAL).toFloatArray();
        }
    }

    @Test
    void sameSeedGivesIdenticalAlphaAndAnotherSeedDoesNot() {
        float[] a = alphaAfter(config(1, 2));
        float[] b = alphaAfter(config(1, 2));
        float[] c = alphaAfter(config(2, 2));
        assertArrayEquals(a, b, 0f);
        assertFalse(java.util.Arrays.equals(a, c));
    }

    @Test
    void searchMovesAlphaAndRecordsEveryEpoch(@TempDir Path dir) throws Exception {
        float[] start;
        try (DartsSearch s = DartsSearch.builder(config(3, 2)).optRunDirectory(dir).optProgress(false).build()) {
            start = s.supernet().arch().alpha(CellType.NORMAL).toFloatArray();
            SearchResult r = s.run(data);
            assertEquals(SearchStatus.FINISHED, r.status());
            assertEquals(2, r.history().size());
            assertFalse(java.util.Arrays.equals(start, s.supernet().arch().alpha(CellType.NORMAL).toFloatArray()));
            double[][] p = r.last().softmax().get("normal");
            assertEquals(6, p.length);
            assertEquals(1.0, java.util.Arrays.stream(p[0]).sum(), 1e-5);
        }
        String json = Files.readString(dir.resolve("run.json"));
        assertTrue(json.contains("\"status\" : \"FINISHED\""), json);
        assertTrue(json.contains("\"epochsDone\" : 2"));
        assertTrue(json.contains("|"), "the final NB201 architecture string is recorded");
    }

    @Test
    void resumingAfterAnEpochCheckpointGivesTheSameAlphaAsAnUninterruptedRun(@TempDir Path dir) {
        float[] straight = alphaAfter(config(4, 3));
        stopAfter(dir, 1, -1);
        try (DartsSearch resumed = DartsSearch.resume(dir, b -> b.optProgress(false))) {
            assertEquals(1, resumed.epochsDone());
            resumed.run(data);
            assertArrayEquals(straight, resumed.supernet().arch().alpha(CellType.NORMAL).toFloatArray(), 0f);
            assertEquals(3, resumed.history().size());
        }
    }

    @Test
    void resumingFromTheMiddleOfAnEpochGivesTheSameAlphaToo(@TempDir Path dir) {
        float[] straight = alphaAfter(config(4, 3));
        stopAfter(dir, 1, 1);
        try (DartsSearch resumed = DartsSearch.resume(dir, b -> b.optProgress(false))) {
            resumed.run(data);
            assertArrayEquals(straight, resumed.supernet().arch().alpha(CellType.NORMAL).toFloatArray(), 0f);
        }
    }

    /** Runs config(4, 3) and interrupts it at the given epoch (and step within it, or at the epoch's end). */
    private static void stopAfter(Path dir, int epoch, int step) {
        SearchListener interrupter = new SearchListener() {
            @Override
            public void onStep(StepMetrics m) {
                if (step >= 0 && m.epoch() == epoch && m.step() == step - 1) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void onEpoch(EpochMetrics m) {
                if (step < 0 && m.epoch() == epoch - 1) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (DartsSearch s = DartsSearch.builder(config(4, 3)).optRunDirectory(dir).addListener(interrupter)
                .optProgress(false).build()) {
            try {
                assertThrows(TrainingInterruptedException.class, () -> s.run(data));
            } finally {
                assertTrue(Thread.interrupted(), "the interrupt flag stays set for the caller");
            }
            assertEquals(SearchStatus.INTERRUPTED, s.status());
        }
    }

    @Test
    void anInterruptedSearchKeepsItsStateAndContinuesWhenRunAgain() {
        AtomicInteger steps = new AtomicInteger();
        SearchListener stopOnce = new SearchListener() {
            @Override
            public void onStep(StepMetrics m) {
                if (steps.incrementAndGet() == 3) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (DartsSearch s = DartsSearch.builder(config(5, 2)).addListener(stopOnce).optProgress(false).build()) {
            TrainingInterruptedException e = assertThrows(TrainingInterruptedException.class, () -> s.run(data));
            assertTrue(e.getMessage().contains("at epoch 2/2, step 1/3"), e.getMessage());
            assertEquals(SearchStatus.INTERRUPTED, s.status());
            assertEquals(1, s.epochsDone());
            assertTrue(Thread.interrupted(), "the flag stays set for the caller (the kernel clears it per cell)");
            SearchResult second = s.run(data);
            assertEquals(SearchStatus.FINISHED, second.status());
            assertEquals(6, steps.get(), "3 steps per epoch, none repeated");
            assertArrayEquals(alphaAfter(config(5, 2)), s.supernet().arch().alpha(CellType.NORMAL).toFloatArray(), 0f);
        }
    }

    @Test
    void secondOrderSearchRunsAndDiffersFromFirstOrder() {
        SearchConfig second = SearchConfig.builder().setSpace("nb201").optChannels(4).optCells(1).optInput(1, 8)
                .optClasses(3).optSeed(6).setEpochs(1).optBatchSize(16).optAlphaLr(3e-2).optSecondOrder(true).build();
        SearchConfig first = SearchConfig.builder().setSpace("nb201").optChannels(4).optCells(1).optInput(1, 8)
                .optClasses(3).optSeed(6).setEpochs(1).optBatchSize(16).optAlphaLr(3e-2).build();
        float[] a = alphaAfter(second);
        float[] b = alphaAfter(first);
        assertFalse(java.util.Arrays.equals(a, b));
        for (float v : a) {
            assertTrue(Float.isFinite(v));
        }
    }

    @Test
    void mismatchedDataIsRefusedWithBothShapesNamed() {
        ImageDataset colour = SyntheticData.gratings("colour", 64, 3, 3, 8, 8, new java.util.SplittableRandom(1));
        try (DartsSearch s = DartsSearch.builder(config(1, 1)).optProgress(false).build()) {
            var e = assertThrows(IllegalArgumentException.class, () -> s.run(colour));
            assertTrue(e.getMessage().contains("3x8x8") && e.getMessage().contains("1x8x8"), e.getMessage());
        }
    }

    @Test
    void resumingFromADirectoryWithoutACheckpointSaysSo(@TempDir Path dir) {
        var e = assertThrows(RuntimeException.class, () -> DartsSearch.resume(dir));
        assertTrue(e.getMessage().contains("run.json"), e.getMessage());
    }

    // A notebook re-run after a kernel restart continues the search its run directory holds.
    @Test
    void anEmptyDirectoryStartsASearchAndAFinishedOneIsNotRunAgain(@TempDir Path dir) {
        float[] alpha;
        try (DartsSearch s = DartsSearch.resumeOrStart(config(7, 2), dir, b -> b.optProgress(false))) {
            assertEquals(0, s.epochsDone());
            s.run(data);
            alpha = s.supernet().arch().alpha(CellType.NORMAL).toFloatArray();
        }
        assertTrue(Files.exists(dir.resolve("checkpoint.bin")));
        try (DartsSearch again = DartsSearch.resumeOrStart(config(7, 2), dir, b -> b.optProgress(false))) {
            assertEquals(2, again.epochsDone(), "picked up at its checkpoint");
            SearchResult r = again.run(data);
            assertEquals(SearchStatus.FINISHED, r.status());
            // Same path, same seed: the state read back is the state saved, bit for bit.
            assertArrayEquals(alpha, again.supernet().arch().alpha(CellType.NORMAL).toFloatArray(), 0f);
        }
    }

    @Test
    void aDirectoryOfAnotherConfigurationIsRefusedNotOverwritten(@TempDir Path dir) throws Exception {
        try (DartsSearch s = DartsSearch.resumeOrStart(config(7, 1), dir, b -> b.optProgress(false))) {
            s.run(data);
        }
        byte[] before = Files.readAllBytes(dir.resolve("checkpoint.bin"));
        var e = assertThrows(IllegalArgumentException.class,
                () -> DartsSearch.resumeOrStart(config(8, 1), dir, b -> b.optProgress(false)));
        assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains("another configuration"),
                e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(dir.resolve("checkpoint.bin")));
    }
}
