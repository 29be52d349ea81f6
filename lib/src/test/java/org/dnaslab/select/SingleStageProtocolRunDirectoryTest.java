package org.dnaslab.select;

import org.dnaslab.data.ImageDataset;
import org.dnaslab.data.SyntheticData;
import org.dnaslab.regularize.EntropyPenalty;
import org.dnaslab.search.DartsSearch;
import org.dnaslab.search.EpochMetrics;
import org.dnaslab.search.SearchConfig;
import org.dnaslab.search.SearchListener;
import org.dnaslab.search.SearchResult;
import org.dnaslab.search.StepMetrics;
import org.dnaslab.store.Json;
import org.dnaslab.train.TrainingInterruptedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link SingleStageProtocol} with a run directory: a rerun continues or returns the stored result. */
class SingleStageProtocolRunDirectoryTest {
    private static final ImageDataset HELD_OUT = SyntheticData.gratings("held-out", 64, 3, 1, 8, 8, new SplittableRandom(99));
    private static final SearchConfig CONFIG = Tiny.nb201(6, 3).build();
    private static final int FREEZE = 2;

    private static SingleStageProtocol.Builder protocol(Path dir) {
        return SingleStageProtocol.builder(CONFIG).setFreezeEpoch(FREEZE).optProgress(false).optRunDirectory(dir);
    }

    @Test
    void aRerunReturnsTheStoredResultWithoutTraining(@TempDir Path dir) throws IOException {
        SingleStageProtocol.Result first = protocol(dir).build().run(Tiny.DATA, HELD_OUT);
        assertTrue(Files.exists(dir.resolve("result.json")));
        // Without its search the directory could not continue a run: only the stored result can answer now.
        deleteTree(dir.resolve("search"));

        SingleStageProtocol.Result again = protocol(dir).build().run(Tiny.DATA, HELD_OUT);
        assertFalse(Files.exists(dir.resolve("search")), "the rerun started no search");
        assertEquals(Json.write(first), Json.write(again), "the stored result, every field as computed");
        assertEquals(first.selection(), again.selection());
        assertEquals(FREEZE, again.searchHistory().size());
    }

    @Test
    void aChangedSettingIsRefusedNamingTheFileAndTheSetting(@TempDir Path dir) {
        protocol(dir).optTwoStage(false).build().run(Tiny.DATA, HELD_OUT);
        String file = dir.resolve("result.json").toString();

        var freeze = assertThrows(IllegalArgumentException.class, () -> SingleStageProtocol.builder(CONFIG)
                .setFreezeEpoch(1).optTwoStage(false).optProgress(false).optRunDirectory(dir).build()
                .run(Tiny.DATA, HELD_OUT));
        assertTrue(freeze.getMessage().startsWith(file), freeze.getMessage());
        assertTrue(freeze.getMessage().contains("settings.freezeEpoch: stored 2, asked 1"), freeze.getMessage());
        assertTrue(freeze.getMessage().contains("delete " + dir), freeze.getMessage());

        var seed = assertThrows(IllegalArgumentException.class, () -> SingleStageProtocol
                .builder(Tiny.nb201(7, 3).build()).setFreezeEpoch(FREEZE).optTwoStage(false).optProgress(false)
                .optRunDirectory(dir).build().run(Tiny.DATA, HELD_OUT));
        assertTrue(seed.getMessage().contains("settings.search.supernet.seed: stored 6, asked 7"), seed.getMessage());

        var twoStage = assertThrows(IllegalArgumentException.class,
                () -> protocol(dir).build().run(Tiny.DATA, HELD_OUT));
        assertTrue(twoStage.getMessage().contains("settings.twoStage: stored false, asked true"), twoStage.getMessage());
    }

    @Test
    void theSelectorAndItsSettingsArePartOfWhatIdentifiesTheRun(@TempDir Path dir) {
        protocol(dir).optTwoStage(false).build().run(Tiny.DATA, HELD_OUT);
        var pt = PerturbationSelector.builder().optSeed(3).optProgress(false).build();
        var e = assertThrows(IllegalArgumentException.class, () -> protocol(dir).optTwoStage(false).optSelector(pt)
                .build().run(Tiny.DATA, HELD_OUT));
        assertTrue(e.getMessage().contains("settings.selector: stored \"magnitude\", asked \"" + pt.describe()),
                e.getMessage());
        assertTrue(pt.describe().contains("seed 3"), pt.describe());
        assertNotEquals(pt.describe(), PerturbationSelector.builder().optSeed(4).build().describe());
    }

    @Test
    void aSavedSearchWithAnotherLossTermOrPastTheFreezeIsRefused(@TempDir Path dir) {
        try (DartsSearch s = DartsSearch.resumeOrStart(CONFIG, dir.resolve("search"),
                b -> b.optLossTerm(EntropyPenalty.constant(0.1)).optProgress(false))) {
            s.runUntil(Tiny.DATA, 2);
        }
        var loss = assertThrows(IllegalArgumentException.class, () -> protocol(dir).build().run(Tiny.DATA, HELD_OUT));
        assertTrue(loss.getMessage().startsWith(dir.resolve("search").resolve("run.json").toString()),
                loss.getMessage());
        assertTrue(loss.getMessage().contains("lossTerm: stored {"), loss.getMessage());

        var freeze = assertThrows(IllegalArgumentException.class, () -> SingleStageProtocol.builder(CONFIG)
                .setFreezeEpoch(1).optLossTerm(EntropyPenalty.constant(0.1)).optProgress(false).optRunDirectory(dir)
                .build().run(Tiny.DATA, HELD_OUT));
        assertTrue(freeze.getMessage().contains("past the freeze epoch"), freeze.getMessage());
        assertFalse(Files.exists(dir.resolve("result.json")));
    }

    @Test
    void anInterruptedSearchResumesAndEndsWithTheResultOfAnUninterruptedRun(@TempDir Path straightDir,
                                                                             @TempDir Path dir) {
        SingleStageProtocol.Result straight = protocol(straightDir).build().run(Tiny.DATA, HELD_OUT);

        SearchListener interrupter = new SearchListener() {
            @Override
            public void onStep(StepMetrics m) {
                if (m.epoch() == 1 && m.step() == 0) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        SingleStageProtocol stopped = protocol(dir).addListener(interrupter).build();
        try {
            assertThrows(TrainingInterruptedException.class, () -> stopped.run(Tiny.DATA, HELD_OUT));
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt flag stays set for the caller");
        }
        assertTrue(Files.exists(dir.resolve("search").resolve("checkpoint.bin")), "the search saved where it stood");
        assertFalse(Files.exists(dir.resolve("result.json")));

        SingleStageProtocol.Result resumed = protocol(dir).build().run(Tiny.DATA, HELD_OUT);
        assertEquals(straight.supernetAccuracy(), resumed.supernetAccuracy(), 0.0);
        assertEquals(straight.discretizedAccuracy(), resumed.discretizedAccuracy(), 0.0);
        assertEquals(straight.finalAccuracy(), resumed.finalAccuracy(), 0.0);
        assertEquals(straight.twoStageAccuracy(), resumed.twoStageAccuracy(), 0.0);
        assertEquals(straight.selection().architecture(), resumed.selection().architecture());
        assertEquals(FREEZE, resumed.searchHistory().size());
        for (int e = 0; e < FREEZE; e++) {
            assertEquals(straight.searchHistory().get(e).valAcc(), resumed.searchHistory().get(e).valAcc(), 0.0);
        }
    }

    @Test
    void aSearchSavedAtTheFreezeIsNotSearchedAgain(@TempDir Path dir) {
        // a kernel restart after the search phase: the search is saved, PAUSED at the freeze, with no result yet
        SearchResult saved;
        try (DartsSearch s = DartsSearch.resumeOrStart(CONFIG, dir.resolve("search"), b -> b.optProgress(false))) {
            saved = s.runUntil(Tiny.DATA, FREEZE);
        }

        SingleStageProtocol.Result r = protocol(dir).optTwoStage(false).build().run(Tiny.DATA, HELD_OUT);
        assertEquals(saved.seconds(), r.searchSeconds(), 0.0, "the search time is the saved one");
        assertEquals(FREEZE, r.searchHistory().size());
        for (int e = 0; e < FREEZE; e++) {
            EpochMetrics was = saved.history().get(e);
            assertEquals(was.seconds(), r.searchHistory().get(e).seconds(), 0.0, "epoch " + e + " was not run again");
        }
        assertEquals(saved.architecture(), r.selection().architecture(), "magnitude selects the saved supernet's cell");
        assertTrue(Files.exists(dir.resolve("result.json")));
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
