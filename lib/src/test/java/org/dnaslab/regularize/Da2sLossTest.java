package org.dnaslab.regularize;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.dnaslab.space.CellType;
import org.dnaslab.space.SearchSpace;
import org.dnaslab.supernet.ArchitectureParameters;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class Da2sLossTest {

    @Test
    void weightsFollowTheScheduleOfTheDa2sCode() {
        assertEquals(0.0, Da2sLoss.w1(1, 50));
        assertEquals(1.0, Da2sLoss.w1(50, 50));
        assertEquals(24.0 / 49, Da2sLoss.w1(25, 50), 1e-15);
        assertEquals(0.0, Da2sLoss.w2(7));
        assertEquals(0.0, Da2sLoss.w2(8), "log_42(1)");
        assertEquals(1.0, Da2sLoss.w2(49), 1e-12, "log_42(42)");
        assertEquals(Math.log(3) / Math.log(42), Da2sLoss.w2(10), 1e-15);
    }

    @Test
    void onNb201WhichKeepsEveryInputDa2sIsItsAlphaPartAlone() {
        SearchSpace space = SearchSpace.nb201();
        try (NDManager m = NDManager.newBaseManager()) {
            ArchitectureParameters arch = withValues(m, space);
            assertFalse(arch.hasBeta(), "DAAS's NB201 code has no β");
            int epoch = 9;
            int epochs = 20;
            double expected = 0.1 * (epoch / 19.0) * (Math.log(epoch + 1 - 7) / Math.log(42)) * handAlpha(space, arch);
            assertEquals(expected, new Da2sLoss().penalty(arch, epoch, epochs).getFloat(), 1e-5 * Math.abs(expected));
            assertNull(new Da2sLoss().penalty(arch, 5, epochs), "before w2 starts there is nothing to add");
        }
    }

    @Test
    void betaStartsAtKOverNOnlyOnTheNodesThatDropInputs() {
        try (NDManager m = NDManager.newBaseManager()) {
            ArchitectureParameters arch = new ArchitectureParameters(m, SearchSpace.darts(), new SplittableRandom(1), true);
            assertEquals(List.of(3, 4, 5), arch.betaNodes(), "node 2 has two inputs and keeps both");
            for (CellType t : SearchSpace.darts().cellTypes()) {
                float[] b = arch.beta(t).toFloatArray();
                assertEquals(3 + 4 + 5, b.length);
                for (int i = 0; i < b.length; i++) {
                    double start = i < 3 ? 2.0 / 3 : i < 7 ? 2.0 / 4 : 2.0 / 5;
                    assertEquals(start, b[i], 1e-3, "β[" + i + "] of the " + t.key() + " cell");
                    assertNotEquals(start, b[i], 1e-9, "with a little noise");
                }
            }
            assertEquals(0, arch.betaOffset(3));
            assertEquals(7, arch.betaOffset(5));
            assertThrows(IllegalArgumentException.class, () -> arch.betaOffset(2));
        }
    }

    @Test
    void alphaIsFrozenForSevenEpochsAndTrainsFromTheEighthAsInDaas() {
        assertEquals(7, Da2sLoss.configure(org.dnaslab.search.SearchConfig.builder()).build().alphaFrozenEpochs());
    }

    @Test
    void dartsLossEqualsAHandComputationWithTwoInputsKeptPerNodeAndNoCellSwap() {
        check(SearchSpace.darts(), 11, 12);
    }

    @Test
    void beforeEpochEightOnlyTheEdgeTermCountsAndTheFirstEpochHasNoPenalty() {
        SearchSpace space = SearchSpace.darts();
        try (NDManager m = NDManager.newBaseManager()) {
            ArchitectureParameters arch = withValues(m, space);
            assertNull(new Da2sLoss().penalty(arch, 0, 10));
            double expected = 0.1 * (3.0 / 9) * 4 * handBeta(space, arch);
            assertEquals(expected, new Da2sLoss().penalty(arch, 3, 10).getFloat(), 1e-5 * Math.abs(expected));
        }
    }

    @Test
    void refusesASupernetWithoutEdgeWeights() {
        try (NDManager m = NDManager.newBaseManager()) {
            ArchitectureParameters arch = new ArchitectureParameters(m, SearchSpace.nb201(), new SplittableRandom(1), false);
            assertThrows(IllegalStateException.class, () -> new Da2sLoss().penalty(arch, 5, 10));
        }
    }

    private static void check(SearchSpace space, int epoch, int epochs) {
        try (NDManager m = NDManager.newBaseManager()) {
            ArchitectureParameters arch = withValues(m, space);
            int e = epoch + 1;
            double w1 = (e - 1.0) / (epochs - 1);
            double w2 = e < 8 ? 0 : Math.log(e - 7) / Math.log(42);
            double expected = 0.1 * w1 * (w2 * handAlpha(space, arch) + 4 * handBeta(space, arch));
            NDArray p = new Da2sLoss().penalty(arch, epoch, epochs);
            assertEquals(expected, p.getFloat(), 1e-5 * Math.abs(expected));
            assertEquals(handAlpha(space, arch), Da2sLoss.lossAlpha(arch).getFloat(), 1e-4);
            assertEquals(handBeta(space, arch), Da2sLoss.lossBeta(arch).getFloat(), 1e-4);
        }
    }

    /** α and β with values on both sides of f's and g's kinks; the reduce cell differs from the normal one. */
    private static ArchitectureParameters withValues(NDManager m, SearchSpace space) {
        ArchitectureParameters arch = new ArchitectureParameters(m, space, new SplittableRandom(1), true);
        SplittableRandom r = new SplittableRandom(7);
        for (CellType t : space.cellTypes()) {
            NDArray a = arch.alpha(t);
            float[] va = new float[(int) a.size()];
            for (int i = 0; i < va.length; i++) {
                va[i] = (float) (r.nextDouble(-1.5, 1.0) + (t == CellType.REDUCE ? 0.3 : 0));
            }
            set(a, va);
            NDArray b = arch.beta(t);
            if (b == null) {
                continue;
            }
            float[] vb = new float[(int) b.size()];
            for (int i = 0; i < vb.length; i++) {
                vb[i] = (float) r.nextDouble(-0.8, 1.8);
            }
            set(b, vb);
        }
        return arch;
    }

    private static void set(NDArray a, float[] v) {
        a.setRequiresGradient(false);
        a.set(v);
        a.setRequiresGradient(true);
    }

    private static double handAlpha(SearchSpace space, ArchitectureParameters arch) {
        double sum = 0;
        int ops = space.ops().size();
        for (CellType t : space.cellTypes()) {
            float[] a = arch.alpha(t).toFloatArray();
            for (int e = 0; e < space.edges().size(); e++) {
                double[] f = new double[ops];
                for (int o = 0; o < ops; o++) {
                    double x = 2 * a[e * ops + o];
                    f[o] = x < -1 ? x * x * x : x;
                }
                sum += entropyOfSoftmax(f);
            }
        }
        return sum;
    }

    private static double handBeta(SearchSpace space, ArchitectureParameters arch) {
        double sum = 0;
        for (CellType t : space.cellTypes()) {
            float[] b = arch.beta(t).toFloatArray();
            // β only on nodes 3, 4 and 5 (3, 4, 5 inputs, 2 kept), stored one node after the other
            int offset = 0;
            for (int node = 3; node < space.nodeCount(); node++) {
                List<Integer> in = space.incoming(node);
                int k = 2;
                double[] g = new double[in.size()];
                double positive = 0;
                for (int i = 0; i < g.length; i++) {
                    g[i] = Math.min(b[offset + i], 1.0);
                    if (g[i] > 0) {
                        positive += g[i];
                    }
                }
                sum += 0.2 * (positive - k) * (positive - k) + entropyOfSoftmax(g);
                offset += in.size();
            }
        }
        return sum;
    }

    private static double entropyOfSoftmax(double[] x) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            max = Math.max(max, v);
        }
        double z = 0;
        for (double v : x) {
            z += Math.exp(v - max);
        }
        double h = 0;
        for (double v : x) {
            double p = Math.exp(v - max) / z;
            if (p > 0) {
                h -= p * Math.log(p);
            }
        }
        return h;
    }
}
