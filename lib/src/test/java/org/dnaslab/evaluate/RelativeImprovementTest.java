package org.dnaslab.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RelativeImprovementTest {

    @Test
    void riIsThePercentageGainOfTheMethodMeanOverTheRandomMean() {
        // Method: mean 0.92, deviations 0, -.02, .02 -> variance .0008 / 2, std 0.02.
        // Random: mean 0.84, deviations -.04, 0, .04, 0 -> variance .0032 / 3.
        // RI = 100 * (0.92 - 0.84) / 0.84 = 9.5238...; per-seed spread 100 * 0.02 / 0.84 = 2.3809...
        RelativeImprovement ri = RelativeImprovement.of(List.of(0.92, 0.90, 0.94), List.of(0.80, 0.84, 0.88, 0.84));
        assertEquals(0.92, ri.methodMean(), 1e-12);
        assertEquals(0.02, ri.methodStd(), 1e-12);
        assertEquals(0.84, ri.randomMean(), 1e-12);
        assertEquals(Math.sqrt(0.0032 / 3), ri.randomStd(), 1e-12);
        assertEquals(800.0 / 84, ri.ri(), 1e-9);
        assertEquals(200.0 / 84, ri.riStd(), 1e-9);
        assertEquals("RI +9.52 ± 2.38 (method 0.9200 ± 0.0200 over 3 seeds; random 0.8400 ± 0.0327 over 4 architectures)",
                ri.toString());
    }

    @Test
    void aMethodWorseThanRandomHasNegativeRi() {
        RelativeImprovement ri = RelativeImprovement.of(List.of(0.75), List.of(0.80, 0.80));
        assertEquals(-6.25, ri.ri(), 1e-9);
        assertTrue(Double.isNaN(ri.methodStd()), "one seed has no spread");
    }

    @Test
    void needsNumbersOnBothSides() {
        assertThrows(IllegalArgumentException.class, () -> RelativeImprovement.of(List.of(), List.of(0.8)));
        assertThrows(IllegalArgumentException.class, () -> RelativeImprovement.of(List.of(0.8), List.of()));
        assertThrows(IllegalArgumentException.class, () -> RelativeImprovement.of(List.of(0.8), List.of(0.0)));
    }

    @Test
    void sampleStatsUseNMinusOne() {
        SampleStats s = SampleStats.of(List.of(1.0, 2.0, 3.0, 4.0));
        assertEquals(2.5, s.mean(), 1e-12);
        assertEquals(Math.sqrt(5.0 / 3), s.std(), 1e-12);
        assertEquals(1.0, s.min());
        assertEquals(4.0, s.max());
    }
}
