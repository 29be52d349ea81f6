package org.dnaslab.select;

import org.dnaslab.data.ImageDataset;
import org.dnaslab.data.SyntheticData;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SingleStageProtocolTest {
    private static final ImageDataset HELD_OUT = SyntheticData.gratings("held-out", 64, 3, 1, 8, 8, new SplittableRandom(99));

    @Test
    void freezesAtTheChosenEpochKeepsTrainingTheSameWeightsAndRunsTheTwoStageComparison() {
        var config = Tiny.nb201(6, 3).optSplit("redrawn-halves").build();
        SingleStageProtocol.Result r = SingleStageProtocol.builder(config).setFreezeEpoch(1).optProgress(false).build()
                .run(Tiny.DATA, HELD_OUT);
        assertEquals(1, r.searchHistory().size(), "the search stopped after the freeze epoch");
        assertEquals(1, r.freezeEpoch());
        assertEquals(3, r.totalEpochs());
        assertEquals("redrawn-halves", r.split());
        assertEquals("magnitude", r.selection().method());
        assertFalse(Double.isNaN(r.twoStageAccuracy()));
        assertTrue(r.finalAccuracy() > 0.5, "two more epochs on all images learn the task: " + r.finalAccuracy());
        assertEquals(r.selection().architecture().skipShare(), r.skipShare());
        assertEquals(64, r.images());
        var rows = org.dnaslab.evaluate.Comparison.untuned().add(r);
        assertEquals(2, rows.size());
        assertEquals(r.finalAccuracy(), rows.get(0).fineTunedAccuracy());
        assertEquals(r.twoStageAccuracy(), rows.get(1).fineTunedAccuracy());
        assertEquals(2, rows.get(0).fineTuneEpochs());
        assertTrue(rows.get(0).method().startsWith("single-stage(magnitude, freeze 1/3, redrawn-halves)"));
    }

    @Test
    void freezingAtTheLastEpochIsTwoStageWithNothingLeftToTrain() {
        var config = Tiny.nb201(6, 1).build();
        SingleStageProtocol.Result r = SingleStageProtocol.builder(config).setFreezeEpoch(1).optTwoStage(false)
                .optProgress(false).build().run(Tiny.DATA, HELD_OUT);
        assertEquals(r.discretizedAccuracy(), r.finalAccuracy(), 0.0);
        assertTrue(Double.isNaN(r.twoStageAccuracy()));
    }

    @Test
    void freezeEpochMustLieInsideTheRun() {
        var config = Tiny.nb201(6, 2).build();
        assertThrows(IllegalArgumentException.class, () -> SingleStageProtocol.builder(config).setFreezeEpoch(3).build());
        assertThrows(IllegalArgumentException.class, () -> SingleStageProtocol.builder(config).setFreezeEpoch(0).build());
    }

    @Test
    void anInterruptOfTheCallerIsNotMistakenForTheFreeze() {
        var config = Tiny.nb201(6, 2).build();
        SingleStageProtocol p = SingleStageProtocol.builder(config).setFreezeEpoch(1).optProgress(false).build();
        Thread.currentThread().interrupt();
        try {
            assertThrows(org.dnaslab.train.TrainingInterruptedException.class, () -> p.run(Tiny.DATA, HELD_OUT));
        } finally {
            Thread.interrupted();
        }
    }
}
