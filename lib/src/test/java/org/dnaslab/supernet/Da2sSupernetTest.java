package org.dnaslab.supernet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.dnaslab.ops.ForwardMode;
import org.dnaslab.space.Architecture;
import org.dnaslab.space.CellType;
import org.dnaslab.space.SearchSpace;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DA2S's supernet as DAAS's model_search.py runs it (DESIGN.md §5). */
class Da2sSupernetTest {

    private static SupernetConfig darts(boolean da2s) {
        return SupernetConfig.builder().setSpace("darts").optChannels(4).optCells(3).optInput(1, 8).optClasses(3)
                .optSeed(5).optEdgeWeights(da2s).build();
    }

    @Test
    void opsAreMixedWithSoftmaxOfSharpenedAlphaComputedByHand() {
        try (NDManager m = NDManager.newBaseManager()) {
            SearchSpace space = SearchSpace.nb201();
            ArchitectureParameters arch = new ArchitectureParameters(m, space, new SplittableRandom(3), true);
            int ops = space.ops().size();
            float[] alpha = new float[space.edges().size() * ops];
            SplittableRandom r = new SplittableRandom(9);
            for (int i = 0; i < alpha.length; i++) {
                alpha[i] = (float) r.nextDouble(-1.5, 1.0); // both sides of f's kink at 2t = −1
            }
            set(arch.alpha(CellType.NORMAL), alpha);
            ForwardWeights fw = ForwardWeights.of(arch);
            for (int e = 0; e < space.edges().size(); e++) {
                double[] f = new double[ops];
                double z = 0;
                for (int o = 0; o < ops; o++) {
                    double x = 2 * alpha[e * ops + o];
                    f[o] = Math.exp(x < -1 ? x * x * x : x);
                    z += f[o];
                }
                for (int o = 0; o < ops; o++) {
                    NDArray w = fw.edge(CellType.NORMAL, e).opWeights()[o];
                    if (space.ops().get(o).equals(SearchSpace.NONE)) {
                        assertNull(w, "none is never computed");
                        continue;
                    }
                    assertEquals(f[o] / z, w.getFloat(), 1e-6, "edge " + e + " op " + space.ops().get(o));
                }
            }
            ArchitectureParameters plain = new ArchitectureParameters(m, space, new SplittableRandom(3), false);
            set(plain.alpha(CellType.NORMAL), alpha);
            float plainWeight = ForwardWeights.of(plain).edge(CellType.NORMAL, 0).opWeights()[1].getFloat();
            assertTrue(Math.abs(plainWeight - fw.edge(CellType.NORMAL, 0).opWeights()[1].getFloat()) > 1e-4,
                    "a plain supernet still mixes with softmax(α)");
        }
    }

    @Test
    void aCommittedEdgeHasWeightExactlyOneOnABetaSupernet() {
        try (NDManager m = NDManager.newBaseManager()) {
            Supernet withBeta = Supernet.create(m, darts(true));
            Supernet plain = Supernet.create(m, darts(false));
            assertTrue(withBeta.arch().hasBeta());
            // a β far from uniform, so a β scale on any kept input would show
            for (CellType t : SearchSpace.darts().cellTypes()) {
                float[] b = new float[(int) withBeta.arch().beta(t).size()];
                for (int i = 0; i < b.length; i++) {
                    b[i] = i % 3 == 0 ? 2f : -1.5f + 0.2f * i;
                }
                set(withBeta.arch().beta(t), b);
            }
            Architecture a = Architecture.sample(SearchSpace.darts(), new SplittableRandom(4));
            commit(withBeta, a);
            commit(plain, a);
            for (CellType t : SearchSpace.darts().cellTypes()) {
                for (int e = 0; e < 14; e++) {
                    if (a.kept(t, e)) {
                        assertNull(ForwardWeights.of(withBeta.arch()).edge(t, e).scale(), "kept edge " + e
                                + " carries no β");
                    }
                }
            }
            NDArray x = m.randomNormal(new Shape(4, 1, 8, 8));
            // same seed, same weights (β comes from α's stream): the discrete networks must agree exactly
            assertArrayEquals(plain.forward(x, ForwardMode.BATCH_STATS).toFloatArray(),
                    withBeta.forward(x, ForwardMode.BATCH_STATS).toFloatArray());
        }
    }

    @Test
    void betaGetsAGradientOnTheNodesThatHaveIt() {
        try (NDManager m = NDManager.newBaseManager()) {
            Supernet net = Supernet.create(m, darts(true));
            NDArray x = m.randomNormal(new Shape(4, 1, 8, 8));
            NDArray y = m.create(new long[] {0, 1, 2, 1});
            try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                gc.backward(org.dnaslab.search.Losses.crossEntropy(net.forward(x, ForwardMode.TRAIN), y));
            }
            for (CellType t : SearchSpace.darts().cellTypes()) {
                float[] g = org.dnaslab.search.Gradients.of(net.arch().beta(t)).toFloatArray();
                for (int i = 0; i < g.length; i++) {
                    assertTrue(g[i] != 0, "β[" + i + "] of the " + t.key() + " cell gets a gradient");
                }
            }
        }
    }

    @Test
    void undecidedEdgesOfANodeWithBetaAreStillScaled() {
        try (NDManager m = NDManager.newBaseManager()) {
            Supernet net = Supernet.create(m, darts(true));
            ForwardWeights fw = ForwardWeights.of(net.arch());
            assertNull(fw.edge(CellType.NORMAL, 0).scale(), "node 2 keeps both inputs: no β");
            assertFalse(fw.edge(CellType.NORMAL, 2).scale() == null, "node 3's inputs are scaled by β");
            // β starts at 2/3 on each of node 3's inputs: softmax is uniform, times n = 3 gives 1
            assertEquals(1.0, fw.edge(CellType.NORMAL, 2).scale().getFloat(), 1e-3);
        }
    }

    private static void commit(Supernet net, Architecture a) {
        EdgeDecisions d = net.arch().decisions();
        for (CellType t : SearchSpace.darts().cellTypes()) {
            for (int e = 0; e < 14; e++) {
                if (a.kept(t, e)) {
                    d.commit(t, e, a.op(t, e));
                } else {
                    d.drop(t, e);
                }
            }
        }
    }

    private static void set(NDArray a, float[] v) {
        a.setRequiresGradient(false);
        a.set(v);
        a.setRequiresGradient(true);
    }
}
