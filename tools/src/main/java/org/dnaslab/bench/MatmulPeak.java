package org.dnaslab.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;

/** The machine's fp32 matrix-multiply throughput through the same engine, as the yardstick for GFLOP/s shares. */
public final class MatmulPeak {
    private MatmulPeak() {
    }

    /** Median GFLOP/s of an n×n by n×n product. */
    public static double gflops(int n, int repeats) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.randomUniform(-1, 1, new Shape(n, n));
            NDArray b = m.randomUniform(-1, 1, new Shape(n, n));
            double[] t = new double[repeats];
            for (int i = -2; i < repeats; i++) {
                try (NDScope scope = new NDScope()) {
                    long t0 = System.nanoTime();
                    a.matMul(b);
                    if (i >= 0) {
                        t[i] = (System.nanoTime() - t0) / 1e9;
                    }
                }
            }
            double sec = Medians.of(t).median();
            return 2.0 * n * n * n / sec / 1e9;
        }
    }
}
