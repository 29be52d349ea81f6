package org.dnaslab.supernet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.dnaslab.ops.ForwardMode;
import org.dnaslab.space.Architecture;
import org.dnaslab.space.SearchSpace;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiscreteNetworkTest {
    private static final String CELL = "|nor_conv_3x3~0|+|skip_connect~0|none~1|+|avg_pool_3x3~0|nor_conv_1x1~1|skip_connect~2|";

    private static SupernetConfig config(String space) {
        return SupernetConfig.builder().setSpace(space).optChannels(4).optCells(1).optInput(1, 8).optClasses(3).build();
    }

    @Test
    void aDiscreteNetworkHoldsOnlyTheChosenOpsWeights() {
        try (NDManager m = NDManager.newBaseManager()) {
            Supernet supernet = Supernet.create(m, config("nb201"));
            Supernet discrete = Supernet.discrete(m, config("nb201"), Architecture.parseNb201(CELL), false);
            assertTrue(discrete.parameterCount() < supernet.parameterCount());
            // a 3x3 conv and a 1x1 conv per cell (C*C*9 + C*C, no BN weights beyond affine ones)
            NDArray out = discrete.forward(m.randomNormal(new Shape(2, 1, 8, 8)), ForwardMode.TRAIN);
            assertEquals(new Shape(2, 3), out.getShape());
            assertTrue(discrete.arch().trainable().isEmpty(), "α is not trained in a discrete network");
        }
    }

    @Test
    void aDiscreteDartsNetworkDropsTheUnkeptEdges() {
        try (NDManager m = NDManager.newBaseManager()) {
            Architecture a = Architecture.sample(SearchSpace.darts(), new SplittableRandom(3));
            Supernet net = Supernet.discrete(m, config("darts").withCells(3), a, true);
            NDList out = net.forwardWithAuxiliary(m.randomNormal(new Shape(2, 1, 8, 8)), ForwardMode.TRAIN);
            assertEquals(new Shape(2, 3), out.get(0).getShape());
            assertEquals(new Shape(2, 3), out.get(1).getShape());
            assertTrue(net.arch().decisions().isDropped(org.dnaslab.space.CellType.NORMAL,
                    firstDropped(a)));
        }
    }

    private static int firstDropped(Architecture a) {
        for (int e = 0; ; e++) {
            if (!a.kept(org.dnaslab.space.CellType.NORMAL, e)) {
                return e;
            }
        }
    }

    @Test
    void dropPathZeroesWholeSamplesWhileTrainingOnly() {
        try (NDManager m = NDManager.newBaseManager()) {
            Supernet net = Supernet.discrete(m, config("nb201"), Architecture.parseNb201(CELL), false);
            NDArray x = m.randomNormal(new Shape(16, 1, 8, 8));
            NDArray eval = net.forward(x, ForwardMode.BATCH_STATS);
            net.setDropPath(0.5, new SplittableRandom(1));
            assertEquals(eval, net.forward(x, ForwardMode.BATCH_STATS), "no drop-path outside training");
            NDArray a = net.forward(x, ForwardMode.TRAIN);
            net.setDropPath(0, null);
            NDArray b = net.forward(x, ForwardMode.TRAIN);
            assertNotEquals(a, b);
        }
    }

    @Test
    void dropPathIsRefusedOnASearchSupernetAndTheAuxiliaryHeadWhenNotBuilt() {
        try (NDManager m = NDManager.newBaseManager()) {
            Supernet net = Supernet.create(m, config("nb201"));
            assertThrows(IllegalStateException.class, () -> net.setDropPath(0.2, new SplittableRandom(1)));
            var e = assertThrows(IllegalStateException.class,
                    () -> net.forwardWithAuxiliary(m.randomNormal(new Shape(2, 1, 8, 8)), ForwardMode.TRAIN));
            assertTrue(e.getMessage().contains("auxiliary"));
        }
    }
}
