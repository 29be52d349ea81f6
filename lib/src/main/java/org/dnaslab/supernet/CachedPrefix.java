package org.dnaslab.supernet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import org.dnaslab.ops.ForwardMode;
import org.dnaslab.space.CellType;
import org.dnaslab.space.SearchSpace;

import java.util.List;

/**
 * One batch's forward pass, kept so that a perturbation of the edges entering one node of one cell type can be
 * measured by recomputing only what it can change. Masks, commitments and dropped edges are per cell type, so a
 * change to {@code (type, node)} leaves untouched every layer before the first cell of that type, and inside that
 * cell every node before {@code node}. Those are computed once here; {@link #logits} recomputes the rest.
 *
 * <p>The perturbed weights passed to {@link #logits} must differ from the base weights only on edges that enter
 * {@code node} of {@code type} cells: anything else would be computed with stale activations.
 */
public final class CachedPrefix {
    private final Supernet net;
    private final int layer;
    private final int node;
    private final ForwardMode mode;
    private final NDList layerInput;
    private final NodeInput[] nodes;
    private final NDArray baseOutput;
    private final ForwardWeights base;

    private CachedPrefix(Supernet net, int layer, int node, ForwardMode mode, NDList layerInput, NodeInput[] nodes,
                         NDArray baseOutput, ForwardWeights base) {
        this.net = net;
        this.layer = layer;
        this.node = node;
        this.mode = mode;
        this.layerInput = layerInput;
        this.nodes = nodes;
        this.baseOutput = baseOutput;
        this.base = base;
    }

    /**
     * Runs the network up to the end of the first {@code type} cell on {@code images} with the base weights and keeps
     * the state entering that cell and the cell's nodes. Everything {@link #baseLogits} and {@link #logits} compute
     * may be freed by the caller after use (e.g. in an {@code NDScope} per call): what they need is made here.
     *
     * @param node a computed node of the cell (not an input node)
     */
    public static CachedPrefix of(Supernet net, NDArray images, CellType type, int node, ForwardWeights base,
                                  ForwardMode mode) {
        SearchSpace space = net.space();
        if (node < space.inputNodes() || node >= space.nodeCount()) {
            throw new IllegalArgumentException("node " + node + " is not a computed node of a " + space.name()
                    + " cell (nodes " + space.inputNodes() + ".." + (space.nodeCount() - 1) + ")");
        }
        List<Supernet.Layer> layers = net.layers();
        int first = -1;
        for (int i = 0; i < layers.size() && first < 0; i++) {
            SearchCell cell = layers.get(i).cell();
            if (cell != null && cell.type() == type) {
                first = i;
            }
        }
        if (first < 0) {
            throw new IllegalArgumentException("the supernet has no " + type.key() + " cell");
        }
        NDList input = net.forwardLayers(net.stem(images, mode), 0, first, base, mode);
        SearchCell cell = layers.get(first).cell();
        NodeInput[] nodes = cell.inputNodes(input, mode);
        NDArray out = cell.forwardFrom(nodes, space.inputNodes(), base, mode);
        for (int i = 0; i < node; i++) {
            // a perturbed forward may need a ReLU the base one did not; made now, it lives as long as the cache
            nodes[i].relu();
        }
        return new CachedPrefix(net, first, node, mode, input, nodes, out, base);
    }

    /** The logits of the base weights (the unperturbed network), from the cached cell output. */
    public NDArray baseLogits() {
        return net.head(net.forwardLayers(next(net.space(), layerInput, baseOutput), layer + 1, net.layers().size(), base,
                mode), mode);
    }

    /** The logits under {@code perturbed} weights, recomputing from the cached node onwards. */
    public NDArray logits(ForwardWeights perturbed) {
        SearchCell cell = net.layers().get(layer).cell();
        NodeInput[] copy = nodes.clone();
        NDArray out = cell.forwardFrom(copy, node, perturbed, mode);
        NDList state = net.forwardLayers(next(net.space(), layerInput, out), layer + 1, net.layers().size(), perturbed, mode);
        return net.head(state, mode);
    }

    /** The state after a search cell, as {@link Supernet}'s layers pass it on: (prev, out) for DARTS, (out) for NB201. */
    private static NDList next(SearchSpace space, NDList input, NDArray out) {
        return space.concatenatesOutput() ? new NDList(input.get(1), out) : new NDList(out);
    }
}
