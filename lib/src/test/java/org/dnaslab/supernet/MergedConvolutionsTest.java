package org.dnaslab.supernet;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.dnaslab.ops.ForwardMode;
import org.dnaslab.search.Gradients;
import org.dnaslab.search.Losses;
import org.dnaslab.space.CellType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The merged-convolution path must compute what the plain one-conv-per-op path computes. */
class MergedConvolutionsTest {

    private record Outcome(float[] logits, List<float[]> grads) {
    }

    private static Outcome run(boolean merged, boolean mask) {
        try (NDManager m = NDManager.newBaseManager()) {
            Supernet net = Supernet.create(m, SupernetConfig.builder().setSpace("nb201").optChannels(4).optCells(2)
                    .optInput(1, 8).optClasses(3).optSeed(11).build());
            net.setMergedConvolutions(merged);
            if (mask) {
                net.arch().decisions().mask(CellType.NORMAL, 0, "nor_conv_3x3");
                net.arch().decisions().commit(CellType.NORMAL, 3, "nor_conv_1x1");
            }
            NDArray x = m.randomNormal(0, 1, new Shape(6, 1, 8, 8), ai.djl.ndarray.types.DataType.FLOAT32);
            x.set(new ai.djl.ndarray.index.NDIndex("..."), m.arange(6f * 64).reshape(6, 1, 8, 8).sin());
            NDArray y = m.create(new long[] {0, 1, 2, 0, 1, 2});
            float[] logits;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray out = net.forward(x, ForwardMode.TRAIN);
                logits = out.toFloatArray();
                gc.backward(Losses.crossEntropy(out, y));
            }
            List<float[]> grads = new ArrayList<>();
            List<NDArray> all = new ArrayList<>(net.weights());
            all.addAll(net.arch().trainable());
            for (NDArray p : all) {
                NDArray g = Gradients.of(p);
                grads.add(g == null ? new float[0] : g.toFloatArray());
            }
            return new Outcome(logits, grads);
        }
    }

    @Test
    void mergedAndPlainPathsGiveTheSameLogitsAndGradients() {
        for (boolean mask : new boolean[] {false, true}) {
            Outcome plain = run(false, mask);
            Outcome merged = run(true, mask);
            assertArrayEquals(plain.logits(), merged.logits(), 1e-4f);
            assertEquals(plain.grads().size(), merged.grads().size());
            for (int i = 0; i < plain.grads().size(); i++) {
                assertArrayEquals(plain.grads().get(i), merged.grads().get(i), 2e-4f, "gradient " + i);
            }
        }
    }
}
