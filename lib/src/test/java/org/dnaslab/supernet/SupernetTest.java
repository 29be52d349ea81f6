package org.dnaslab.supernet;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.dnaslab.ops.ForwardMode;
import org.dnaslab.search.Gradients;
import org.dnaslab.search.Losses;
import org.dnaslab.space.CellType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SupernetTest {

    private static SupernetConfig tiny(String space, int cells, int inputChannels, int size) {
        return SupernetConfig.builder().setSpace(space).optChannels(4).optCells(cells).optInput(inputChannels, size)
                .optClasses(3).optSeed(7).build();
    }

    @Test
    void nb201OnGreyAndDartsOnColourImagesGiveOneLogitPerClass() {
        try (NDManager m = NDManager.newBaseManager()) {
            Supernet nb = Supernet.create(m, tiny("nb201", 1, 1, 28));
            assertEquals(new Shape(2, 3), nb.forward(m.randomNormal(new Shape(2, 1, 28, 28)), ForwardMode.TRAIN).getShape());
            Supernet darts = Supernet.create(m, tiny("darts", 3, 3, 32));
            assertEquals(new Shape(2, 3), darts.forward(m.randomNormal(new Shape(2, 3, 32, 32)), ForwardMode.TRAIN).getShape());
        }
    }

    @Test
    void gradientsReachAlphaBetaAndEveryWeightExceptMaskedOps() {
        try (NDManager m = NDManager.newBaseManager()) {
            Supernet net = Supernet.create(m, SupernetConfig.builder().setSpace("nb201").optChannels(4).optCells(1)
                    .optInput(1, 8).optClasses(3).optEdgeWeights(true).build());
            net.arch().decisions().mask(CellType.NORMAL, 2, "nor_conv_3x3");
            NDArray x = m.randomNormal(new Shape(4, 1, 8, 8));
            NDArray y = m.create(new long[] {0, 1, 2, 1});
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(Losses.crossEntropy(net.forward(x, ForwardMode.TRAIN), y));
            }
            float[] alphaGrad = Gradients.of(net.arch().alpha(CellType.NORMAL)).toFloatArray();
            int ops = 5;
            assertTrue(Math.abs(alphaGrad[2 * ops + 1]) > 0, "edge 2's skip weight gets a gradient");
            // the masked op's own α still moves the others' softmax weights, so it keeps a (softmax) gradient
            assertTrue(Math.abs(alphaGrad[2 * ops + 3]) > 0);
            assertNull(net.arch().beta(CellType.NORMAL), "NB201 keeps every input: DA2S has no β there");
            List<NDArray> weights = net.weights();
            long reached = weights.stream().filter(w -> {
                NDArray g = Gradients.of(w);
                return g != null && g.abs().sum().getFloat() > 0;
            }).count();
            // the masked 3x3 conv on edge 2 of each stage's cell (3 stages) is all that is left out
            assertEquals(weights.size() - 3, reached);
        }
    }

    @Test
    void sameSeedSameInitialNetworkAndAlpha() {
        try (NDManager m = NDManager.newBaseManager()) {
            Supernet a = Supernet.create(m, tiny("nb201", 1, 1, 8));
            Supernet b = Supernet.create(m, tiny("nb201", 1, 1, 8));
            NDArray x = m.randomNormal(new Shape(2, 1, 8, 8));
            assertEquals(a.forward(x, ForwardMode.TRAIN), b.forward(x, ForwardMode.TRAIN));
            assertEquals(a.arch().alpha(CellType.NORMAL), b.arch().alpha(CellType.NORMAL));
        }
    }

    @Test
    void evalModeUsesRunningStatisticsAndBatchStatsModeLeavesThemAlone() {
        try (NDManager m = NDManager.newBaseManager()) {
            Supernet net = Supernet.create(m, tiny("nb201", 1, 1, 8));
            NDArray x = m.randomNormal(new Shape(4, 1, 8, 8)).mul(3).add(2);
            NDArray before = net.namedState().get("stem.bn.running_mean").duplicate();
            net.forward(x, ForwardMode.BATCH_STATS);
            assertEquals(before, net.namedState().get("stem.bn.running_mean"));
            net.forward(x, ForwardMode.TRAIN);
            assertTrue(!before.equals(net.namedState().get("stem.bn.running_mean")));
        }
    }

    @Test
    void badConfigurationsAreRefusedWithTheFieldNamed() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> SupernetConfig.builder().optChannels(3).build());
        assertTrue(e.getMessage().contains("channels"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class,
                () -> SupernetConfig.builder().setSpace("nb999").build());
        assertTrue(e2.getMessage().contains("nb999"), e2.getMessage());
    }

    @Test
    void dataTypeIsFloat32() {
        try (NDManager m = NDManager.newBaseManager()) {
            Supernet net = Supernet.create(m, tiny("nb201", 1, 1, 8));
            assertEquals(DataType.FLOAT32, net.forward(m.randomNormal(new Shape(2, 1, 8, 8)), ForwardMode.TRAIN).getDataType());
            assertEquals("Supernet(nb201, C=4, cells=1, " + net.parameterCount() + " weights)", net.toString());
        }
    }
}
