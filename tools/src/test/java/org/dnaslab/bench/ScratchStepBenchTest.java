package org.dnaslab.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gt_train case builds the network MODEL.md specifies and times the steps its budget asks for (not checked). */
class ScratchStepBenchTest {

    /** Weights of the discrete NB201 network with five 3×3 convs and a skip per cell, C 8, N 1 (MODEL.md). */
    private static long expectedWeights() {
        long c = 8;
        long total = c * 9 + 2 * c;  // stem conv 1→C and its affine BN
        for (long w = c; w <= 4 * c; w *= 2) {
            total += 5 * (w * w * 9 + 2 * w);  // five ReLU-conv3x3-BN+ per cell
        }
        for (long in = c; in < 4 * c; in *= 2) {
            long out = 2 * in;
            total += in * out * 9 + 2 * out + out * out * 9 + 2 * out + in * out;  // a, b, 1×1 shortcut
        }
        return total + 2 * 4 * c + 4 * c * 10 + 10;  // head BN+, linear with bias
    }

    @Test
    void runsTheGroundTruthNetworkForTheBudgetedSteps() {
        ScratchStepBench.Result r = ScratchStepBench.run(new StepBudget(1, 2, Double.POSITIVE_INFINITY));
        assertEquals(2, r.millis().length, "one warmup, two timed steps");
        assertTrue(r.millis()[0] > 0 && r.millis()[1] > 0);
        assertEquals(expectedWeights(), r.params());
    }
}
