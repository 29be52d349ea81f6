package org.dnaslab.supernet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.dnaslab.ops.ForwardMode;
import org.dnaslab.search.Gradients;
import org.dnaslab.space.CellType;
import org.dnaslab.space.SearchSpace;
import org.dnaslab.testing.Float32;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.dnaslab.testing.Float32.assertClose;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CachedPrefixTest {

    private static Supernet net(NDManager m, String space, int cells, boolean beta) {
        return Supernet.create(m, SupernetConfig.builder().setSpace(space).optChannels(4).optCells(cells).optInput(1, 8)
                .optClasses(3).optSeed(3).optEdgeWeights(beta).build());
    }

    /** One change to an edge's decisions, for {@link #assertSuffixMatchesFullForward}. */
    private interface EdgePerturbation {
        void apply(EdgeDecisions d, int edge, String op);
    }

    /**
     * For every NB201 edge and each of {@code ops}: the logits recomputed from the cached prefix under the perturbed
     * weights equal a full forward's, and the cached base logits equal an unperturbed forward's, within float32
     * rounding: the suffix runs on other tensors (other strides) than the full forward, so oneDNN may sum in another
     * order on some CPUs.
     */
    private static void assertSuffixMatchesFullForward(Supernet net, NDArray x, List<String> ops, String verb,
                                                       EdgePerturbation perturbation) {
        SearchSpace space = net.space();
        EdgeDecisions d = net.arch().decisions();
        for (int e = 0; e < space.edges().size(); e++) {
            int node = space.edges().get(e).to();
            CachedPrefix prefix = CachedPrefix.of(net, x, CellType.NORMAL, node, ForwardWeights.of(net.arch()),
                    ForwardMode.BATCH_STATS);
            assertClose(net.forward(x, ForwardMode.BATCH_STATS).toFloatArray(), prefix.baseLogits().toFloatArray(),
                    "edge " + e + " base logits");
            for (String op : ops) {
                EdgeDecisions.Snapshot before = d.snapshot();
                perturbation.apply(d, e, op);
                ForwardWeights w = ForwardWeights.of(net.arch());
                float[] full = net.forward(x, ForwardMode.BATCH_STATS, w).toFloatArray();
                d.restore(before);
                assertClose(full, prefix.logits(w).toFloatArray(), "edge " + e + " " + verb + " " + op);
            }
        }
    }

    /**
     * Committing an edge makes its op's weight 1 instead of softmax(α): the suffix recomputed from the cache must
     * use the committed weights, not anything left over from the base forward.
     */
    @Test
    void nb201CommittedEdgesMatchAFullForward() throws Exception {
        try (NDManager m = NDManager.newBaseManager(); AutoCloseable noGrad = Gradients.noGrad()) {
            Supernet net = net(m, "nb201", 1, false);
            assertSuffixMatchesFullForward(net, m.randomNormal(new Shape(6, 1, 8, 8)),
                    List.of("nor_conv_1x1", "nor_conv_3x3"), "committed to",
                    (d, e, op) -> d.commit(CellType.NORMAL, e, op));
        }
    }

    @Test
    void nb201SuffixRecomputationEqualsAFullForwardForEveryMaskedOpOfEveryEdge() throws Exception {
        try (NDManager m = NDManager.newBaseManager(); AutoCloseable noGrad = Gradients.noGrad()) {
            Supernet net = net(m, "nb201", 2, true);
            assertSuffixMatchesFullForward(net, m.randomNormal(new Shape(6, 1, 8, 8)), net.space().ops(), "without",
                    (d, e, op) -> d.mask(CellType.NORMAL, e, op));
        }
    }

    @Test
    void dartsReductionEdgesReuseTheNormalCellsBeforeThemAndDroppedEdgesMatchToo() throws Exception {
        try (NDManager m = NDManager.newBaseManager(); AutoCloseable noGrad = Gradients.noGrad()) {
            Supernet net = net(m, "darts", 3, false);
            NDArray x = m.randomNormal(new Shape(4, 1, 8, 8));
            EdgeDecisions d = net.arch().decisions();
            for (CellType t : net.space().cellTypes()) {
                for (int node = 2; node < 6; node++) {
                    CachedPrefix prefix = CachedPrefix.of(net, x, t, node, ForwardWeights.of(net.arch()),
                            ForwardMode.BATCH_STATS);
                    int edge = net.space().incoming(node).get(1);
                    d.drop(t, edge);
                    ForwardWeights w = ForwardWeights.of(net.arch());
                    float[] full = net.forward(x, ForwardMode.BATCH_STATS, w).toFloatArray();
                    d.restoreEdge(t, edge);
                    float[] fast = prefix.logits(w).toFloatArray();
                    // cached suffix and full forward are different computations: equal within float32 rounding
                    assertClose(full, fast, t + " node " + node);
                    assertFalse(Float32.close(full, prefix.baseLogits().toFloatArray()),
                            "dropping an edge changes the output by more than rounding");
                }
            }
        }
    }

    @Test
    void inputNodesCannotBePerturbed() {
        try (NDManager m = NDManager.newBaseManager()) {
            Supernet net = net(m, "nb201", 1, false);
            NDArray x = m.randomNormal(new Shape(2, 1, 8, 8));
            assertThrows(IllegalArgumentException.class, () -> CachedPrefix.of(net, x, CellType.NORMAL, 0,
                    ForwardWeights.of(net.arch()), ForwardMode.BATCH_STATS));
        }
    }
}
