package org.dnaslab.supernet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.dnaslab.ops.ForwardMode;
import org.dnaslab.search.Gradients;
import org.dnaslab.space.CellType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SupernetSnapshotTest {

    @Test
    void restoreBringsBackWeightsStatisticsAlphaAndDecisions() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Supernet net = Supernet.create(m, SupernetConfig.builder().setSpace("nb201").optChannels(4).optCells(1)
                    .optInput(1, 8).optClasses(3).optSeed(2).build());
            NDArray x = m.randomNormal(new Shape(4, 1, 8, 8));
            float[] before;
            try (AutoCloseable noGrad = Gradients.noGrad()) {
                before = net.forward(x, ForwardMode.EVAL).toFloatArray();
            }
            try (SupernetSnapshot snap = SupernetSnapshot.of(net)) {
                try (AutoCloseable noGrad = Gradients.noGrad()) {
                    for (NDArray w : net.weights()) {
                        w.addi(0.5f);
                    }
                    net.forward(x, ForwardMode.TRAIN); // moves the batch-norm running statistics
                }
                net.arch().fixUniform();
                net.arch().decisions().commit(CellType.NORMAL, 0, "skip_connect");
                try (AutoCloseable noGrad = Gradients.noGrad()) {
                    assertFalse(java.util.Arrays.equals(before, net.forward(x, ForwardMode.EVAL).toFloatArray()));
                }
                snap.restore();
            }
            try (AutoCloseable noGrad = Gradients.noGrad()) {
                assertArrayEquals(before, net.forward(x, ForwardMode.EVAL).toFloatArray());
            }
            assertTrue(net.arch().isAlphaTrainable());
            assertFalse(net.arch().decisions().isCommitted(CellType.NORMAL, 0));
            assertTrue(net.arch().alpha(CellType.NORMAL).hasGradient(), "α still records gradients");
            Gradients.track(net.weights(), false);
            try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                gc.backward(net.forward(x, ForwardMode.TRAIN).sum());
            }
            assertTrue(Gradients.of(net.arch().alpha(CellType.NORMAL)).abs().sum().getFloat() > 0, "α is still a leaf of the graph");
        }
    }
}
