package org.dnaslab.supernet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.dnaslab.ops.ForwardMode;
import org.dnaslab.ops.Op;
import org.dnaslab.ops.OpFactory;
import org.dnaslab.space.CellType;
import org.dnaslab.space.SearchSpace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.dnaslab.testing.Float32.assertClose;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class MixedOpTest {
    private static final SearchSpace NB201 = SearchSpace.nb201();
    private NDManager manager;
    private ArchitectureParameters arch;
    private MixedOp edge;
    private NDArray x;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
        arch = new ArchitectureParameters(manager, NB201, new SplittableRandom(1), false);
        // a distinct, non-uniform α so that every op's weight differs
        arch.alpha(CellType.NORMAL).set(manager.arange(30f).reshape(6, 5).mul(0.1f).toFloatArray());
        edge = new MixedOp(NB201, CellType.NORMAL, 0, new OpFactory(manager, new SplittableRandom(2), false, false),
                "e", 4, 1, null);
        x = manager.randomNormal(new Shape(3, 4, 6, 6));
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    /**
     * Σ over the listed ops of softmax(α)_o · op_o(x), computed op by op. The mixed op sums (and may run its
     * convolutions) differently, so results are compared within float32 rounding.
     */
    private float[] byHand(int... ops) {
        double[] w = arch.softmaxSnapshot(CellType.NORMAL)[0];
        NDArray sum = x.zerosLike();
        for (int o : ops) {
            Op op = edge.op(o);
            sum = sum.add(op.apply(x, ForwardMode.BATCH_STATS).mul((float) w[o]));
        }
        return sum.toFloatArray();
    }

    private float[] mixed() {
        return edge.forward(new NodeInput(x), ForwardWeights.of(arch), ForwardMode.BATCH_STATS).toFloatArray();
    }

    @Test
    void noneIsNeverBuiltSoNeverComputed() {
        assertNull(edge.op(NB201.ops().indexOf("none")));
    }

    @Test
    void mixedOutputIsTheSoftmaxWeightedSumOfTheComputedOps() {
        assertClose(byHand(1, 2, 3, 4), mixed(), "all ops");
    }

    @Test
    void aMaskedOpIsExcludedAndTheOthersAreNotRenormalised() {
        arch.decisions().mask(CellType.NORMAL, 0, "nor_conv_3x3");
        assertClose(byHand(1, 2, 4), mixed(), "nor_conv_3x3 masked");
    }

    @Test
    void aCommittedEdgeComputesOnlyItsOpWithWeightOne() {
        arch.decisions().commit(CellType.NORMAL, 0, "avg_pool_3x3");
        assertClose(edge.op(4).apply(x, ForwardMode.BATCH_STATS).toFloatArray(), mixed(), "committed to avg_pool_3x3");
    }

    @Test
    void anEdgeCommittedToNoneOrDroppedContributesNothing() {
        arch.decisions().commit(CellType.NORMAL, 0, "none");
        assertNull(edge.forward(new NodeInput(x), ForwardWeights.of(arch), ForwardMode.BATCH_STATS));
        arch.decisions().clear();
        arch.decisions().drop(CellType.NORMAL, 0);
        assertNull(edge.forward(new NodeInput(x), ForwardWeights.of(arch), ForwardMode.BATCH_STATS));
    }

    @Test
    void snapshotsRestoreEveryDecision() {
        var before = arch.decisions().snapshot();
        arch.decisions().mask(CellType.NORMAL, 0, "skip_connect");
        arch.decisions().commit(CellType.NORMAL, 1, "nor_conv_1x1");
        arch.decisions().restore(before);
        assertClose(byHand(1, 2, 3, 4), mixed(), "after restore");
        assertFalse(arch.decisions().isCommitted(CellType.NORMAL, 1));
    }
}
