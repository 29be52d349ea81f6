package org.dnaslab.cli;

import org.dnaslab.search.DartsSearch;
import org.dnaslab.search.RunRecord;
import org.dnaslab.search.SearchStatus;
import org.dnaslab.space.CellType;
import org.dnaslab.store.Json;
import org.dnaslab.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./lab search} killed with SIGKILL in the middle of its second epoch, then {@code ./lab search --resume DIR}
 * in a new process, ends with the α of an uninterrupted run, bit for bit: only the epoch in flight is lost, and the
 * resumed run redoes it from the first epoch's checkpoint. Every search runs in its own JVM with the same settings
 * (one engine thread), so this is same-path reproducibility and compared exactly.
 */
class KillAndResumeTest {
    private static final int EPOCHS = 2;

    /** A tiny search on the bundled Fashion-MNIST subset: 512 images, 16 steps of 16 per epoch, C=4, one cell. */
    private static String[] searchArgs(Path runs) {
        return new String[] {"search", "--space", "nb201", "--epochs", String.valueOf(EPOCHS), "--limit", "512",
                "--channels", "4", "--cells", "1", "--batch", "16", "--eval-batches", "2", "--seed", "3",
                "--data", subset().toString(), "--runs", runs.toString()};
    }

    static Path subset() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path s = p.resolve("data/fashion-mnist-subset");
            if (Files.isDirectory(s)) {
                return s;
            }
        }
        throw new IllegalStateException("data/fashion-mnist-subset not found above " + Path.of("").toAbsolutePath());
    }

    private static Path onlyRun(Path runs) throws IOException {
        try (Stream<Path> s = Files.list(runs)) {
            List<Path> dirs = s.filter(Files::isDirectory).toList();
            assertEquals(1, dirs.size(), "one run directory in " + runs + ": " + dirs);
            return dirs.get(0);
        }
    }

    private static List<float[]> alphaOf(Path runDir) {
        try (DartsSearch s = DartsSearch.resume(runDir)) {
            assertEquals(EPOCHS, s.epochsDone(), runDir + " finished");
            List<float[]> alpha = new ArrayList<>();
            for (CellType t : s.supernet().space().cellTypes()) {
                alpha.add(s.supernet().arch().alpha(t).toFloatArray());
            }
            return alpha;
        }
    }

    @Test
    void aSearchKilledMidEpochResumesFromTheLastEpochAndEndsWithTheUninterruptedAlpha(@TempDir Path tmp)
            throws Exception {
        Path straightRuns = Files.createDirectories(tmp.resolve("straight"));
        try (ChildJvm straight = ChildJvm.start("org.dnaslab.cli.LabCommand", searchArgs(straightRuns))) {
            assertEquals(0, straight.awaitExit(600), straight.output());
        }

        Path killedRuns = Files.createDirectories(tmp.resolve("killed"));
        Path dir;
        try (ChildJvm child = ChildJvm.start("org.dnaslab.cli.LabCommand", searchArgs(killedRuns))) {
            // the line is printed after epoch 1's checkpoint and run.json are written; epoch 2 starts right after
            child.awaitLine(l -> l.startsWith("epoch 1:"), "end of epoch 1", 600);
            dir = onlyRun(killedRuns);
            child.kill();
            assertEquals(137, child.process().exitValue(), "killed by SIGKILL (128 + 9)");
        }
        RunRecord onDisk = Json.read(dir.resolve("run.json"), RunRecord.class);
        assertEquals(SearchStatus.RUNNING, onDisk.status(), "a killed run could not record an end");
        assertEquals(1, onDisk.epochsDone(), "killed during epoch 2: the last save is epoch 1's");

        try (ChildJvm resumed = ChildJvm.start("org.dnaslab.cli.LabCommand", "search", "--resume", dir.toString(),
                "--data", subset().toString())) {
            resumed.awaitLine(l -> l.startsWith("resuming ") && l.endsWith("at epoch 2"), "resume from epoch 2", 600);
            assertEquals(0, resumed.awaitExit(600), resumed.output());
        }

        List<float[]> expected = alphaOf(onlyRun(straightRuns));
        List<float[]> actual = alphaOf(dir);
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), 0f, "α of cell type " + i);
        }
        RunRecord a = Json.read(onlyRun(straightRuns).resolve("run.json"), RunRecord.class);
        RunRecord b = Json.read(dir.resolve("run.json"), RunRecord.class);
        assertEquals(SearchStatus.FINISHED, b.status());
        assertEquals(EPOCHS, b.epochs().size(), "every epoch recorded once");
        for (int e = 0; e < EPOCHS; e++) {
            assertEquals(a.epochs().get(e).trainLoss(), b.epochs().get(e).trainLoss(), 0.0, "epoch " + (e + 1));
            assertTrue(java.util.Arrays.deepEquals(a.epochs().get(e).softmax().get("normal"),
                    b.epochs().get(e).softmax().get("normal")), "softmax(α) after epoch " + (e + 1));
        }
    }
}
