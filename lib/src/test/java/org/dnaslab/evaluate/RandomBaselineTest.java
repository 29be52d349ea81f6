package org.dnaslab.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dnaslab.evaluate.Fixtures.CountingTrainer;
import org.dnaslab.progress.ProgressReporters;
import org.dnaslab.space.Architecture;
import org.dnaslab.store.ResultStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class RandomBaselineTest {
    private static final TrainingProtocol PROTOCOL = TrainingProtocol.quick().toBuilder().setEpochs(2).build();

    @TempDir
    Path dir;

    private RandomBaseline baseline(ArchitectureTrainer trainer) {
        return RandomBaseline.builder().setSampler(Fixtures.UNIFORM_NB201).setTrainer(trainer)
                .setStore(ResultStore.open(dir)).optReporter(ProgressReporters.silent()).build();
    }

    @Test
    void trainsEachSampledArchitectureUnderTheProtocolAndReportsMeanAndStd() {
        CountingTrainer trainer = new CountingTrainer(0);
        RandomBaseline.Result r = baseline(trainer).run(PROTOCOL, 5, 11);
        assertEquals(5, trainer.calls.get());
        assertEquals(5, r.trainedNow());
        assertEquals(baseline(trainer).sample(5, 11), trainer.trained);
        List<Double> expected = trainer.trained.stream().map(Fixtures::fakeAccuracy).toList();
        assertEquals(expected, r.accuracies());
        assertEquals(SampleStats.of(expected), r.stats());
        assertTrue(r.results().stream().allMatch(t -> t.protocol().equals(PROTOCOL)));
    }

    @Test
    void samplingDependsOnlyOnTheSeed() {
        RandomBaseline b = baseline(new CountingTrainer(0));
        assertEquals(b.sample(6, 3), b.sample(6, 3));
        assertNotEquals(b.sample(6, 3), b.sample(6, 4));
        assertEquals(b.sample(6, 3).subList(0, 4), b.sample(4, 3), "more architectures must extend, not reshuffle");
    }

    @Test
    void aRerunAfterAKillTrainsOnlyWhatWasNotFinishedAndKeepsWhatWas() throws IOException {
        CountingTrainer dying = new CountingTrainer(3);
        var kill = assertThrows(IllegalStateException.class, () -> baseline(dying).run(PROTOCOL, 5, 0));
        assertTrue(kill.getMessage().contains("simulated kill"), kill.getMessage());
        assertEquals(3, dying.calls.get());
        ResultStore store = ResultStore.open(dir);
        List<String> done = store.list("random");
        assertEquals(2, done.size(), "the two finished trainings were saved before the kill: " + done);

        List<FileTime> before = new ArrayList<>();
        List<String> contentBefore = new ArrayList<>();
        for (String k : done) {
            before.add(Files.getLastModifiedTime(store.file(k)));
            contentBefore.add(Files.readString(store.file(k)));
        }

        CountingTrainer rerun = new CountingTrainer(0);
        RandomBaseline.Result r = baseline(rerun).run(PROTOCOL, 5, 0);
        assertEquals(3, rerun.calls.get(), "only architectures 2, 3 and 4 are trained again");
        assertEquals(baseline(rerun).sample(5, 0).subList(2, 5), rerun.trained);
        assertEquals(3, r.trainedNow());
        assertEquals(5, r.results().size());
        assertEquals(5, store.list("random").size());
        for (int i = 0; i < done.size(); i++) {
            assertEquals(before.get(i), Files.getLastModifiedTime(store.file(done.get(i))));
            assertEquals(contentBefore.get(i), Files.readString(store.file(done.get(i))));
        }
        // The finished-before-the-kill results are part of the final report, in sampling order.
        List<Architecture> all = baseline(rerun).sample(5, 0);
        assertEquals(all.stream().map(Fixtures::fakeAccuracy).toList(), r.accuracies());

        CountingTrainer third = new CountingTrainer(0);
        assertEquals(0, baseline(third).run(PROTOCOL, 5, 0).trainedNow());
        assertEquals(0, third.calls.get());
    }

    @Test
    void anotherProtocolIsAnotherBaseline() {
        CountingTrainer trainer = new CountingTrainer(0);
        baseline(trainer).run(PROTOCOL, 3, 0);
        baseline(trainer).run(PROTOCOL.toBuilder().optCutout(8).build(), 3, 0);
        assertEquals(6, trainer.calls.get(), "results under another protocol must not be reused");
    }

    @Test
    void aStoredRecordForAnotherArchitectureIsReportedNotReused() {
        baseline(new CountingTrainer(0)).run(PROTOCOL, 2, 0);
        RandomBaseline changedSampler = RandomBaseline.builder()
                .setSampler(rng -> Fixtures.nb201("none", "none", "none", "none", "none", "none"))
                .setTrainer(new CountingTrainer(0)).setStore(ResultStore.open(dir))
                .optReporter(ProgressReporters.silent()).build();
        var e = assertThrows(IllegalStateException.class, () -> changedSampler.run(PROTOCOL, 2, 0));
        assertTrue(e.getMessage().contains("sampler"), e.getMessage());
    }

    @Test
    void aTrainerThatReturnsAnotherProtocolIsCaught() {
        ArchitectureTrainer cheating = (a, p, progress) ->
                new TrainedResult(a, 0.9, 0.9, 1, 1, p.toBuilder().optCutout(16).build(), Map.of());
        var e = assertThrows(IllegalStateException.class, () -> baseline(cheating).run(PROTOCOL, 1, 0));
        assertTrue(e.getMessage().contains("cutout 16"), e.getMessage());
        assertEquals(List.of(), ResultStore.open(dir).list(""));
    }

    @Test
    void tableHasOneRowPerArchitectureWithItsMetrics() {
        RandomBaseline.Result r = baseline(new CountingTrainer(0)).run(PROTOCOL, 4, 2);
        Table t = r.table();
        assertEquals(4, t.rowCount());
        assertEquals(List.of("index", "architecture", "accuracy", "trainAccuracy", "seconds", "params"), t.columnNames());
        assertEquals(r.accuracies().get(3), t.doubleColumn("accuracy").get(3));
        assertEquals(1004.0, t.doubleColumn("params").get(3));
    }
}
