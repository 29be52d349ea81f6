package org.dnaslab.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DropPathTest {

    @Test
    void dropsWholeSamplesAtTheGivenRateAndScalesTheSurvivors() {
        double p = 0.3;
        int n = 20_000;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.full(new Shape(n, 2, 3, 3), 2f);
            float[] y = DropPath.apply(x, p, new SplittableRandom(1)).toFloatArray();
            int dropped = 0;
            for (int i = 0; i < n; i++) {
                float first = y[i * 18];
                for (int k = 1; k < 18; k++) {
                    assertEquals(first, y[i * 18 + k], 0, "sample " + i + " was not dropped or kept as a whole");
                }
                if (first == 0f) {
                    dropped++;
                } else {
                    assertEquals(2 / (1 - p), first, 1e-5, "survivor not scaled by 1/(1-p)");
                }
            }
            // Binomial(20000, 0.3): standard deviation of the fraction is about 0.0032.
            assertEquals(p, dropped / (double) n, 0.015);
        }
    }

    @Test
    void probabilityZeroIsTheIdentity() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.arange(12f).reshape(3, 4);
            assertSame(x, DropPath.apply(x, 0, new SplittableRandom(1)));
        }
    }

    @Test
    void sameSeedDropsTheSameSamples() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.ones(new Shape(50, 4));
            assertArrayEquals(DropPath.apply(x, 0.5, new SplittableRandom(9)).toFloatArray(),
                    DropPath.apply(x, 0.5, new SplittableRandom(9)).toFloatArray());
        }
    }

    @Test
    void gradientFlowsThroughKeptSamplesOnly() {
        double p = 0.5;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.ones(new Shape(16, 3));
            x.setRequiresGradient(true);
            float[] out;
            try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                NDArray y = DropPath.apply(x, p, new SplittableRandom(4));
                out = y.toFloatArray();
                gc.backward(y.sum());
            }
            // d(sum y)/dx equals the mask: 0 for dropped samples, 1/(1-p) = 2 for kept ones, i.e. y itself here.
            assertArrayEquals(out, x.getGradient().toFloatArray(), 1e-6f);
        }
    }

    @Test
    void rejectsProbabilitiesOutsideZeroToOne() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.ones(new Shape(2, 2));
            assertThrows(IllegalArgumentException.class, () -> DropPath.apply(x, 1, new SplittableRandom(0)));
            assertThrows(IllegalArgumentException.class, () -> DropPath.apply(x, -0.1, new SplittableRandom(0)));
        }
    }
}
