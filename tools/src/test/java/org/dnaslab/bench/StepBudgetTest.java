package org.dnaslab.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The step-count rule shared with bench/reference.py (fed made-up step times; nothing is timed). */
class StepBudgetTest {

    @Test
    void warmupIsNotTimedAndRepeatsEndTheCase() {
        StepBudget b = new StepBudget(2, 3, Double.POSITIVE_INFINITY);
        assertFalse(b.record(100));
        assertFalse(b.record(90));
        assertFalse(b.record(10));
        assertFalse(b.record(11));
        assertTrue(b.record(12));
        assertArrayEquals(new double[] {10, 11, 12}, b.timed());
        assertEquals(2, b.warmupDone());
    }

    @Test
    void aSpentBudgetEndsTimingAfterThreeSteps() {
        StepBudget b = new StepBudget(0, 15, 1.0);  // 1 s
        assertFalse(b.record(600));
        assertFalse(b.record(600), "over budget, but fewer than 3 timed");
        assertTrue(b.record(600));
        assertEquals(3, b.timed().length);
    }

    @Test
    void warmupStopsAfterAQuarterOfTheBudget() {
        StepBudget b = new StepBudget(3, 5, 1.0);
        assertFalse(b.record(300), "one warmup step over a quarter of 1 s");
        assertEquals(1, b.warmupDone());
        b.record(1);
        assertEquals(1, b.timed().length, "the second step is timed");
    }

    @Test
    void withinBudgetEveryRepeatRuns() {
        StepBudget b = new StepBudget(0, 5, 10.0);
        for (int i = 0; i < 4; i++) {
            assertFalse(b.record(100));
        }
        assertTrue(b.record(100));
    }

    @Test
    void noWarmupAndOneRepeat() {
        StepBudget b = new StepBudget(0, 1, 30);
        assertFalse(b.done());
        assertTrue(b.record(5));
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new StepBudget(-1, 3, 1));
        assertThrows(IllegalArgumentException.class, () -> new StepBudget(0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new StepBudget(0, 3, 0));
    }
}
