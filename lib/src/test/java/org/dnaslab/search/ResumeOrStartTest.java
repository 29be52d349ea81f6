package org.dnaslab.search;

import org.dnaslab.data.ImageDataset;
import org.dnaslab.data.SyntheticData;
import org.dnaslab.space.CellType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A notebook re-run after a kernel restart continues the search its run directory holds. */
class ResumeOrStartTest {
    private static ImageDataset data;

    @BeforeAll
    static void data() {
        data = SyntheticData.gratings("tiny", 96, 3, 1, 8, 8, new java.util.SplittableRandom(5));
    }

    private static SearchConfig config(long seed, int epochs) {
        return SearchConfig.builder().setSpace("nb201").optChannels(4).optCells(1).optInput(1, 8).optClasses(3)
                .optSeed(seed).setEpochs(epochs).optBatchSize(16).optAlphaLr(3e-2).build();
    }

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
