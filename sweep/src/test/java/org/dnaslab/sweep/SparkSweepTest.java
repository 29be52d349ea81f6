package org.dnaslab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.function.Function;
import org.dnaslab.store.ResultStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark runner against the serial one, on trainings of a few seconds each. */
class SparkSweepTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void threads() {
        SweepMain.oneThreadPerTask();
    }

    private static ProgressLog log(ByteArrayOutputStream sink, int total) {
        return new ProgressLog(new PrintStream(sink, true, StandardCharsets.UTF_8), "test", total);
    }

    @Test
    void sparkLocal2GivesTheSerialRunnersRecordsAndARerunTrainsNothing() throws Exception {
        List<SweepTask> serialTasks = Tiny.trainings(3, 2, dir.resolve("serial"));
        List<TaskOutcome> serial = SerialRunner.run(serialTasks, new RunTask(), null);

        List<SweepTask> sparkTasks = Tiny.trainings(3, 2, dir.resolve("spark"));
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        List<TaskOutcome> spark = SparkRunner.run("local[2]", "test", sparkTasks, new RunTask(),
                Tiny.labels(sparkTasks), log(lines, sparkTasks.size()));

        assertEquals(serial.size(), spark.size());
        for (int i = 0; i < serial.size(); i++) {
            TaskOutcome a = serial.get(i);
            TaskOutcome b = spark.get(i);
            assertEquals(a.storeKey(), b.storeKey());
            assertEquals(a.cellKey(), b.cellKey());
            assertEquals(a.accuracy(), b.accuracy(), 0, "same training, same accuracy: " + a.storeKey());
            assertEquals(a.params(), b.params(), 0);
            assertTrue(b.trainedNow());
        }
        String log = lines.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("6/6 done"), log);
        assertTrue(log.contains("ETA"), log);

        List<TaskOutcome> rerun = SparkRunner.run("local[2]", "test", sparkTasks, new RunTask(),
                Tiny.labels(sparkTasks), null);
        assertTrue(rerun.stream().noneMatch(TaskOutcome::trainedNow), "a rerun trains nothing");
        for (int i = 0; i < spark.size(); i++) {
            assertEquals(spark.get(i).accuracy(), rerun.get(i).accuracy(), 0);
        }
    }

    /** Saves the first task's result and then fails once, as an executor killed after the save would. */
    static final class FailOnceAfterSaving implements Function<SweepTask, TaskOutcome> {
        private static final long serialVersionUID = 1L;
        private final String marker;

        FailOnceAfterSaving(Path marker) {
            this.marker = marker.toString();
        }

        @Override
        public TaskOutcome call(SweepTask task) {
            TaskOutcome o = task.run();
            try {
                Files.createFile(Path.of(marker));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                return o;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw new IllegalStateException("injected failure after saving " + o.storeKey());
        }
    }

    @Test
    void aTaskThatFailsOnceIsRetriedWithoutTrainingAgain() throws Exception {
        Path store = dir.resolve("retry");
        List<SweepTask> tasks = Tiny.trainings(3, 1, store);
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        // local[2,2]: 2 threads, each task may fail twice before the job fails.
        List<TaskOutcome> out = SparkRunner.run("local[2,2]", "test", tasks,
                new FailOnceAfterSaving(dir.resolve("failed-once")), Tiny.labels(tasks), log(lines, tasks.size()));
        assertEquals(3, out.size());
        assertEquals(1, out.stream().filter(o -> !o.trainedNow()).count(),
                "the retried task found its result in the store");
        assertEquals(3, ResultStore.open(store).list("train/").size());
        String log = lines.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("attempt failed") && log.contains("injected failure"), log);
        assertTrue(log.contains("3/3 done"), log);
    }

    @Test
    void aTaskThatAlwaysFailsFailsTheJobWithItsReason() {
        List<SweepTask> tasks = Tiny.trainings(1, 1, dir.resolve("fail"));
        Function<SweepTask, TaskOutcome> broken = t -> {
            throw new IllegalStateException("always broken");
        };
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> SparkRunner.run("local[1,2]", "test", tasks, broken, Tiny.labels(tasks), null));
        assertTrue(String.valueOf(e.getMessage()).contains("always broken"), e.getMessage());
        assertFalse(ResultStore.open(dir.resolve("fail")).contains(((TrainingTask) tasks.get(0)).storeKey()));
    }
}
