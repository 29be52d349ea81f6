package org.dnaslab.train;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The loop on a body without a network: each step's loss is given by a function of its position. */
class TrainingLoopTest {

    /** Records what the loop asks of it; step (e, s) has loss 10e + s and classifies s of 4 images correctly. */
    private static final class Recorder implements TrainingLoop.Body {
        final List<String> calls = new ArrayList<>();
        final List<Double> epochLosses = new ArrayList<>();
        boolean flagWhileSaving = true;
        double poisonAt = -1;

        @Override
        public int startEpoch(int epoch) {
            calls.add("start " + epoch);
            return 3;
        }

        @Override
        public StepResult step(int epoch, int step, int steps) {
            calls.add(epoch + "." + step);
            double loss = 10 * epoch + step == poisonAt ? Double.NaN : 10 * epoch + step;
            return StepResult.weights(loss, step, 4, 0.1);
        }

        @Override
        public void endEpoch(int epoch, EpochSums sums) {
            calls.add("end " + epoch);
            epochLosses.add(sums.meanLoss());
        }

        @Override
        public String interrupted() {
            flagWhileSaving = Thread.currentThread().isInterrupted();
            return "kept";
        }
    }

    /** Interrupts the thread once step {@code step} of epoch {@code epoch} is done. */
    private static TrainingLoop.Listener interruptAfter(int epoch, int step) {
        return new TrainingLoop.Listener() {
            @Override
            public void onStep(int e, int s, int steps, StepResult r, EpochSums soFar) {
                if (e == epoch && s == step) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    @Test
    void runsEveryStepOnceInOrderAndAveragesEachEpoch() {
        Recorder body = new Recorder();
        List<String> seen = new ArrayList<>();
        TrainingLoop loop = new TrainingLoop("test", 2, List.of(new TrainingLoop.Listener() {
            @Override
            public void onStep(int epoch, int step, int steps, StepResult r, EpochSums soFar) {
                seen.add(epoch + "." + step + ":" + soFar.steps());
            }
        }));
        loop.run(body, null);
        assertEquals(List.of("start 0", "0.0", "0.1", "0.2", "end 0", "start 1", "1.0", "1.1", "1.2", "end 1"),
                body.calls);
        assertEquals(List.of("0.0:1", "0.1:2", "0.2:3", "1.0:1", "1.1:2", "1.2:3"), seen);
        assertEquals(List.of(1.0, 11.0), body.epochLosses);
        assertEquals(2, loop.epoch());
        assertEquals(0, loop.step());
    }

    @Test
    void runUntilStopsAtTheEpochAndRunContinuesFromThere() {
        Recorder body = new Recorder();
        TrainingLoop loop = TrainingLoop.of("test", 3);
        loop.runUntil(1, body, null);
        assertEquals(1, loop.epoch());
        loop.run(body, null);
        assertEquals(List.of(1.0, 11.0, 21.0), body.epochLosses, "no epoch twice, none left out");
    }

    @Test
    void anInterruptStopsBeforeTheNextStepLeavesTheFlagSetAndTheLoopContinuesThere() {
        Recorder body = new Recorder();
        TrainingLoop loop = new TrainingLoop("test", 2, List.of(interruptAfter(0, 1)));
        try {
            TrainingInterruptedException e = assertThrows(TrainingInterruptedException.class,
                    () -> loop.run(body, null));
            assertEquals("test interrupted at epoch 1/2, step 3/3; kept", e.getMessage());
            assertTrue(Thread.currentThread().isInterrupted(), "the flag stays set for the callers");
        } finally {
            Thread.interrupted();
        }
        assertFalse(body.flagWhileSaving, "the body saves with the flag cleared (interruptible file channels)");
        assertEquals("epoch 1 after step 2", loop.position());
        body.calls.clear();
        loop.run(body, null);
        assertEquals("0.2", body.calls.get(1), "continues at the step it stopped before");
        assertEquals(List.of(1.0, 11.0), body.epochLosses, "the sums of the stopped epoch are kept");
    }

    @Test
    void aNonFiniteLossStopsTheLoopAndNamesTheStep() {
        Recorder body = new Recorder();
        body.poisonAt = 11;
        TrainingLoop loop = TrainingLoop.of("test", 2);
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class, () -> loop.run(body, null));
        assertTrue(e.getMessage().startsWith("test stopped: the training loss NaN at epoch 2, batch 2 of 3"),
                e.getMessage());
        assertEquals(1, loop.step(), "the bad step is not counted");
    }

    @Test
    void positionTimeAndSumsSurviveASaveAndALoad() {
        Recorder body = new Recorder();
        TrainingLoop loop = new TrainingLoop("test", 2, List.of(interruptAfter(1, 0)));
        try {
            assertThrows(TrainingInterruptedException.class, () -> loop.run(body, null));
        } finally {
            Thread.interrupted();
        }
        Map<String, Double> saved = new HashMap<>();
        loop.saveTo(saved);
        TrainingLoop restored = TrainingLoop.of("test", 2);
        restored.loadFrom(saved);
        assertEquals(loop.position(), restored.position());
        assertEquals(loop.seconds(), restored.seconds());
        Recorder again = new Recorder();
        restored.run(again, null);
        assertEquals(List.of(11.0), again.epochLosses, "the restored epoch averages the step done before the save");
    }
}
