package org.dnaslab.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.dnaslab.evaluate.Fixtures.CountingTrainer;
import org.dnaslab.progress.ProgressReporters;
import org.dnaslab.store.ResultStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class MultiSeedRunnerTest {
    @TempDir
    Path dir;

    /** A "search" that samples from its seed, reports 0.9 + seed/100 and a gap metric; can die on call n. */
    private static final class FakeSearch implements SearchMethod {
        final List<Long> seedsRun = new ArrayList<>();
        private final int failOn;

        FakeSearch(int failOn) {
            this.failOn = failOn;
        }

        @Override
        public MethodResult run(long seed, org.dnaslab.progress.Progress progress) {
            seedsRun.add(seed);
            if (seedsRun.size() == failOn) {
                throw new IllegalStateException("simulated kill in search seed " + seed);
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("gap", seed * 0.01);
            if (seed % 2 == 0) {
                metrics.put("skipShare", 0.5);
            }
            return new MethodResult(seed, Fixtures.UNIFORM_NB201.sample(new SplittableRandom(seed)), 0.9 + seed / 100.0,
                    metrics);
        }
    }

    private MultiSeedRunner runner() {
        return MultiSeedRunner.builder().setStore(ResultStore.open(dir)).optReporter(ProgressReporters.silent()).build();
    }

    private MultiSeedRunner retraining(ArchitectureTrainer trainer, TrainingProtocol protocol) {
        return MultiSeedRunner.builder().setStore(ResultStore.open(dir)).optRetrain(trainer, protocol)
                .optReporter(ProgressReporters.silent()).build();
    }

    @Test
    void gathersEverySeedIntoOneTable() {
        MultiSeedRunner.Result r = runner().run("darts", new FakeSearch(0), MultiSeedRunner.seeds(3));
        assertEquals(List.of(0.90, 0.91, 0.92), r.accuracies());
        Table t = r.table();
        assertEquals(List.of("method", "seed", "accuracy", "architecture", "gap", "skipShare"), t.columnNames());
        assertEquals(3, t.rowCount());
        assertEquals("darts", t.stringColumn("method").get(2));
        assertEquals(2L, t.longColumn("seed").get(2));
        assertEquals(0.92, t.doubleColumn("accuracy").get(2));
        assertEquals(0.01, t.doubleColumn("gap").get(1));
        assertTrue(t.doubleColumn("skipShare").isMissing(1), "seed 1 reported no skip share");
    }

    @Test
    void aRerunAfterAKillSkipsTheFinishedSeeds() {
        FakeSearch dying = new FakeSearch(3);
        assertThrows(IllegalStateException.class, () -> runner().run("pt", dying, MultiSeedRunner.seeds(4)));
        assertEquals(List.of(0L, 1L, 2L), dying.seedsRun);
        assertEquals(List.of("method/pt/seed-0", "method/pt/seed-1"), ResultStore.open(dir).list("method/pt"));

        FakeSearch rerun = new FakeSearch(0);
        MultiSeedRunner.Result r = runner().run("pt", rerun, MultiSeedRunner.seeds(4));
        assertEquals(List.of(2L, 3L), rerun.seedsRun, "seeds 0 and 1 must not be searched again");
        assertEquals(2, r.computedNow());
        assertEquals(List.of(0.90, 0.91, 0.92, 0.93), r.accuracies());
    }

    @Test
    void retrainingReportsTheFromScratchAccuracyAndResumesBetweenSearchAndTraining() {
        TrainingProtocol protocol = TrainingProtocol.quick();
        FakeSearch search = new FakeSearch(0);
        CountingTrainer dying = new CountingTrainer(2);
        assertThrows(IllegalStateException.class,
                () -> retraining(dying, protocol).run("darts", search, MultiSeedRunner.seeds(3)));
        // Seed 0 searched and retrained; seed 1 searched, its retraining killed.
        assertEquals(List.of(0L, 1L), search.seedsRun);

        CountingTrainer trainer = new CountingTrainer(0);
        MultiSeedRunner.Result r = retraining(trainer, protocol).run("darts", search, MultiSeedRunner.seeds(3));
        assertEquals(List.of(0L, 1L, 2L), search.seedsRun, "only seed 2 is searched on the rerun");
        assertEquals(2, trainer.calls.get(), "seed 1's retraining and seed 2's, nothing else");
        for (MultiSeedRunner.SeedRun run : r.runs()) {
            assertEquals(Fixtures.fakeAccuracy(run.search().architecture()), run.accuracy());
            assertEquals(run.search().architecture(), run.retrained().architecture());
        }
        Table t = r.table();
        assertEquals(List.of("method", "seed", "accuracy", "architecture", "searchAccuracy", "trainAccuracy",
                "trainSeconds", "gap", "skipShare"), t.columnNames());
        assertEquals(0.91, t.doubleColumn("searchAccuracy").get(1));
    }

    @Test
    void relativeImprovementRequiresTheSameProtocolOnBothSides() {
        TrainingProtocol protocol = TrainingProtocol.quick();
        RandomBaseline.Result random = RandomBaseline.builder().setSampler(Fixtures.UNIFORM_NB201)
                .setTrainer(new CountingTrainer(0)).setStore(ResultStore.open(dir))
                .optReporter(ProgressReporters.silent()).build().run(protocol, 4, 0);
        MultiSeedRunner.Result method = retraining(new CountingTrainer(0), protocol)
                .run("darts", new FakeSearch(0), MultiSeedRunner.seeds(2));
        RelativeImprovement ri = method.relativeTo(random);
        assertEquals(100 * (method.stats().mean() - random.stats().mean()) / random.stats().mean(), ri.ri(), 1e-12);

        MultiSeedRunner.Result other = retraining(new CountingTrainer(0), protocol.toBuilder().optCutout(16).build())
                .run("darts", new FakeSearch(0), MultiSeedRunner.seeds(2));
        var e = assertThrows(IllegalArgumentException.class, () -> other.relativeTo(random));
        assertTrue(e.getMessage().contains("compare under one protocol"), e.getMessage());
    }

    @Test
    void supernetAccuracyIsNotComparedWithFromScratchAccuracy() {
        TrainingProtocol protocol = TrainingProtocol.quick();
        RandomBaseline.Result random = RandomBaseline.builder().setSampler(Fixtures.UNIFORM_NB201)
                .setTrainer(new CountingTrainer(0)).setStore(ResultStore.open(dir))
                .optReporter(ProgressReporters.silent()).build().run(protocol, 2, 0);
        MultiSeedRunner.Result own = runner().run("darts", new FakeSearch(0), MultiSeedRunner.seeds(2));
        var e = assertThrows(IllegalArgumentException.class, () -> own.relativeTo(random));
        assertTrue(e.getMessage().contains("optRetrain"), e.getMessage());
    }

    @Test
    void severalMethodsShareOneTable() {
        MultiSeedRunner.Result a = runner().run("darts", new FakeSearch(0), List.of(0L, 1L));
        MultiSeedRunner.Result b = runner().run("darts-pt", new FakeSearch(0), List.of(5L));
        Table t = MultiSeedRunner.table(List.of(a, b));
        assertEquals(3, t.rowCount());
        assertEquals(List.of("darts", "darts", "darts-pt"), t.stringColumn("method").asList());
    }

    @Test
    void aMethodReturningAnotherSeedIsCaught() {
        SearchMethod wrong = (seed, progress) -> new MethodResult(seed + 1,
                Fixtures.nb201("none", "none", "none", "none", "none", "none"), 0.5, Map.of());
        assertThrows(IllegalStateException.class, () -> runner().run("x", wrong, List.of(0L)));
        assertThrows(IllegalArgumentException.class, () -> runner().run("bad name", new FakeSearch(0), List.of(0L)));
        assertThrows(IllegalArgumentException.class, () -> runner().run("x", new FakeSearch(0), List.of(1L, 1L)));
    }
}
