package org.dnaslab.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LrScheduleTest {

    /**
     * The one schedule replaces two (search's CosineSchedule, 0.5·(max − min)·(1 + cos), clamped at the end, and
     * evaluate's LrSchedule, (base − min)·(1 + cos)/2): both old forms, bit for bit, at every epoch of a few runs.
     */
    @Test
    void perEpochCosineIsBitForBitBothSchedulesItReplaces() {
        double[][] runs = {{0.025, 0.001}, {0.1, 0}, {0.05, 0.005}, {0.0025, 0.0}};
        for (double[] run : runs) {
            for (int epochs : new int[] {1, 3, 8, 50, 600}) {
                for (int e = 0; e < epochs; e++) {
                    double searchForm = run[1] + 0.5 * (run[0] - run[1]) * (1 + Math.cos(Math.PI * e / epochs));
                    double evaluateForm = run[1] + (run[0] - run[1]) * (1 + Math.cos(Math.PI * e / epochs)) / 2;
                    double now = LrSchedule.cosine(run[1]).learningRate(run[0], e, epochs);
                    assertEquals(Double.doubleToLongBits(searchForm), Double.doubleToLongBits(now), e + "/" + epochs);
                    assertEquals(Double.doubleToLongBits(evaluateForm), Double.doubleToLongBits(now));
                }
            }
        }
    }

    @Test
    void pastItsEndTheScheduleStaysAtTheMinimumAndConstantIsConstant() {
        assertEquals(0.001, LrSchedule.cosine(0.001).at(0.025, 12, 10), 1e-15);
        assertEquals(0.025, LrSchedule.constant().at(0.025, 7, 10), 0);
        assertEquals(0.025, LrSchedule.cosine(0.001).at(0.025, 3, 0), 0, "no length: the base rate");
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.cosine(0.001).learningRate(0.025, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> new LrSchedule(LrSchedule.Kind.CONSTANT, 0.1,
                LrSchedule.Annealing.PER_EPOCH));
    }

    @Test
    void perStepTakesTheCosineAtTheFractionalEpoch() {
        LrSchedule s = LrSchedule.cosinePerStep(0);
        assertEquals(0.05, s.learningRate(0.1, 1, 0, 4, 2), 1e-15, "halfway: epoch 1 of 2");
        assertEquals(0.05 * (1 + Math.cos(Math.PI * 0.625)), s.learningRate(0.1, 1, 1, 4, 2), 1e-15);
        assertEquals("cosine to 0 per step", s.describe());
        assertEquals("cosine to 0.001", LrSchedule.cosine(0.001).describe());
    }
}
