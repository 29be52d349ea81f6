package org.dnaslab.store;

import org.dnaslab.data.ImageDataset;
import org.dnaslab.data.SyntheticData;
import org.dnaslab.search.Checkpoint;
import org.dnaslab.search.DartsSearch;
import org.dnaslab.search.SearchConfig;
import org.dnaslab.space.CellType;
import org.dnaslab.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A write killed halfway, or one that meets a full disk, leaves the previous file whole and nothing a reader trusts. */
class AtomicFilesFaultsTest {

    @Test
    void aProcessKilledInTheMiddleOfAResultStoreWriteLeavesThePreviousRecord(@TempDir Path tmp) throws Exception {
        ResultStore store = ResultStore.open(tmp.resolve("store"));
        store.save("random/arch-1", Map.of("accuracy", 0.875));
        Path file = store.file("random/arch-1");
        byte[] before = Files.readAllBytes(file);
        try (ChildJvm child = ChildJvm.start(HalfWriteMain.class.getName(), file.toString())) {
            child.awaitLine("half written"::equals, "the first half of the new record", 120);
            List<Path> partial = ChildJvm.tempFiles(store.directory());
            assertEquals(1, partial.size(), "the new record is being written beside the old one: " + partial);
            assertTrue(Files.readString(partial.get(0)).startsWith("{\n  \"key\" : \"half"));
            child.kill();
        }
        assertArrayEquals(before, Files.readAllBytes(file), "the previous record is untouched");
        assertEquals(Map.of("accuracy", 0.875), store.load("random/arch-1", Map.class));
        assertEquals(1, ChildJvm.tempFiles(store.directory()).size(), "the killed write left its temporary file");
        assertEquals(List.of("random/arch-1"), store.list(""), "which no reader counts as a record");
    }

    @Test
    void aProcessKilledInTheMiddleOfACheckpointWriteLeavesTheCheckpointLoadable(@TempDir Path dir) throws Exception {
        float[] alpha = tinySearch(dir);
        Path ckpt = dir.resolve("checkpoint.bin");
        byte[] before = Files.readAllBytes(ckpt);
        try (ChildJvm child = ChildJvm.start(HalfWriteMain.class.getName(), ckpt.toString())) {
            child.awaitLine("half written"::equals, "the first half of the new checkpoint", 120);
            child.kill();
        }
        assertArrayEquals(before, Files.readAllBytes(ckpt));
        assertEquals(1, ChildJvm.tempFiles(dir).size());
        try (DartsSearch s = DartsSearch.resume(dir)) {
            assertArrayEquals(alpha, s.supernet().arch().alpha(CellType.NORMAL).toFloatArray(), 0f);
        }
    }

    /** A one-epoch NB201 search with its run directory in {@code dir}; returns its α. */
    private static float[] tinySearch(Path dir) {
        ImageDataset data = SyntheticData.gratings("tiny", 64, 3, 1, 8, 8, new SplittableRandom(5));
        SearchConfig c = SearchConfig.builder().setSpace("nb201").optChannels(4).optCells(1).optInput(1, 8)
                .optClasses(3).optSeed(3).setEpochs(1).optBatchSize(16).build();
        try (DartsSearch s = DartsSearch.builder(c).optRunDirectory(dir).optProgress(false).build()) {
            s.run(data);
            return s.supernet().arch().alpha(CellType.NORMAL).toFloatArray();
        }
    }

    private static int run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    @Test
    void aFullDiskWhileWritingACheckpointSaysSoAndKeepsThePreviousOne(@TempDir Path tmp) throws Exception {
        Path mount = Files.createDirectories(tmp.resolve("small-disk"));
        boolean mounted = run("mount", "-t", "tmpfs", "-o", "size=2m", "dnaslab-test", mount.toString()) == 0;
        assumeTrue(mounted, "cannot mount a tmpfs here (needs root): the full-disk test is skipped");
        try {
            Path dir = mount.resolve("run");
            tinySearch(dir);
            Path ckpt = dir.resolve("checkpoint.bin");
            byte[] before = Files.readAllBytes(ckpt);
            fill(mount.resolve("filler"));

            try (DartsSearch s = DartsSearch.resume(dir)) {
                UncheckedIOException e = assertThrows(UncheckedIOException.class,
                        () -> Checkpoint.save(ckpt, Map.of("epoch", 1.0, "step", 0.0), s.supernet().namedState()));
                assertTrue(e.getMessage().contains("could not write " + ckpt) && e.getMessage().contains("disk is full"),
                        e.getMessage());
                // the whole save (run.json, then checkpoint.bin) fails the same way, on its first file
                UncheckedIOException save = assertThrows(UncheckedIOException.class, s::save);
                assertTrue(save.getMessage().contains("disk is full"), save.getMessage());
            }
            assertArrayEquals(before, Files.readAllBytes(ckpt), "the previous checkpoint is intact");
            assertEquals(List.of(), ChildJvm.tempFiles(dir), "a failed write removes its temporary file");
            try (DartsSearch s = DartsSearch.resume(dir)) {
                assertEquals(1, s.epochsDone(), "and it still loads");
            }
        } finally {
            assertEquals(0, run("umount", mount.toString()), "unmounting " + mount);
        }
    }

    /** Writes to {@code file} until the file system refuses. */
    private static void fill(Path file) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(chunk);
                out.flush();
            }
        } catch (IOException full) {
            assertTrue(String.valueOf(full.getMessage()).contains("No space left"), full.getMessage());
        }
        assertEquals(0, Files.getFileStore(file).getUsableSpace(), "the disk is full");
    }
}
