package org.dnaslab.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.dnaslab.progress.ProgressReporters;
import org.dnaslab.search.DartsSearch;
import org.dnaslab.search.SearchConfig;
import org.dnaslab.space.Architecture;
import org.dnaslab.store.ResultStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DartsSearchMethodTest {
    private static final SearchConfig TEMPLATE = SearchConfig.builder().setSpace("nb201").optChannels(4).optCells(1)
            .optInput(1, 8).optClasses(4).setEpochs(1).optBatchSize(32).optTrainLimit(128).optSeed(99).build();

    @Test
    void eachSeedIsADartsSearchWithThatSeedAndItsMagnitudeArchitecture() {
        DartsSearchMethod method = DartsSearchMethod.builder(TEMPLATE, ScratchTrainerTest.GRATINGS.train()).build();
        MethodResult r = method.run(1, ProgressReporters.silent().start("", 0));
        assertEquals(1, r.seed());
        Architecture direct;
        try (DartsSearch s = DartsSearch.builder(TEMPLATE.withSeed(1)).optProgress(false).build()) {
            direct = s.run(ScratchTrainerTest.GRATINGS.train()).architecture();
        }
        assertEquals(direct, r.architecture(), "same seed, same search, same architecture");
        assertEquals(List.of("supernetValAccuracy", "supernetValLoss", "searchEpochs", "searchSeconds",
                "paramFreeShare", "skipShare"), List.copyOf(r.metrics().keySet()));
        assertEquals(r.accuracy(), r.metrics().get("supernetValAccuracy"));
        assertEquals(1.0, r.metrics().get("searchEpochs"));
        assertEquals(r.architecture().parameterFreeShare(), r.metrics().get("paramFreeShare"));
        assertEquals(r.architecture().skipShare(), r.metrics().get("skipShare"));
    }

    @Test
    void theRunnerRetrainsEachSeedsArchitectureAndAResumedRunRecomputesNothing(@TempDir Path dir) {
        DartsSearchMethod method = DartsSearchMethod.builder(TEMPLATE, ScratchTrainerTest.GRATINGS.train()).build();
        TrainingProtocol protocol = ScratchTrainerTest.tiny(1).toBuilder().optDataLimit(128).build();
        MultiSeedRunner runner = MultiSeedRunner.builder().setStore(ResultStore.open(dir))
                .optRetrain(new ScratchTrainer(ScratchTrainerTest.GRATINGS), protocol)
                .optReporter(ProgressReporters.silent()).build();
        MultiSeedRunner.Result first = runner.run("darts", method, MultiSeedRunner.seeds(2));
        assertEquals(4, first.computedNow(), "two searches and two retrainings");
        for (MultiSeedRunner.SeedRun run : first.runs()) {
            assertEquals(run.search().architecture(), run.retrained().architecture());
            assertEquals(protocol, run.retrained().protocol());
            assertEquals(run.retrained().testAccuracy(), run.accuracy());
        }
        MultiSeedRunner.Result again = runner.run("darts", method, MultiSeedRunner.seeds(2));
        assertEquals(0, again.computedNow());
        assertEquals(first.accuracies(), again.accuracies());
        assertTrue(again.table().columnNames().contains("paramFreeShare"));
    }
}
