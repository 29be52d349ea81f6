package org.dnaslab.supernet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.dnaslab.ops.ForwardMode;
import org.dnaslab.ops.Op;
import org.dnaslab.ops.OpFactory;
import org.dnaslab.space.CellType;
import org.dnaslab.space.Edge;
import org.dnaslab.space.SearchSpace;

import java.util.List;

/**
 * A search cell: its input nodes (after DARTS's preprocessing), then each computed node as the sum of the mixed
 * ops on its incoming edges. NB201's output is the last node; DARTS's is the concatenation of the intermediates.
 */
public final class SearchCell extends AbstractBlock {
    private final SearchSpace space;
    private final CellType type;
    private final MixedOp[] edges;
    private final Op[] preprocess;
    private final long channels;
    private final int reduction;
    private final MergedConvolutions merged;
    /** -Ddnaslab.mergeConvolutions=false turns merging off process-wide (benchmarks of the plain path). */
    private boolean merging = !"false".equals(System.getProperty("dnaslab.mergeConvolutions"));

    /**
     * @param preprocess DARTS: the ops mapping the two cell inputs to C channels (and, after a reduction, to the
     *                   new resolution); NB201: empty
     */
    SearchCell(SearchSpace space, CellType type, OpFactory factory, String name, long channels, Op[] preprocess,
               org.dnaslab.space.Architecture fixed) {
        super((byte) 1);
        this.space = space;
        this.type = type;
        this.channels = channels;
        this.preprocess = preprocess;
        this.reduction = type == CellType.REDUCE ? 2 : 1;
        List<Edge> list = space.edges();
        this.edges = new MixedOp[list.size()];
        for (int e = 0; e < edges.length; e++) {
            Edge edge = list.get(e);
            int stride = edge.from() < space.inputNodes() ? reduction : 1;
            String only = fixed == null ? null : fixed.kept(type, e) ? fixed.op(type, e) : SearchSpace.NONE;
            edges[e] = new MixedOp(space, type, e, factory, name + ".edge" + edge.to() + "_" + edge.from(), channels,
                    stride, only);
            addChildBlock("edge" + edge.to() + "_" + edge.from(), edges[e]);
        }
        for (int i = 0; i < preprocess.length; i++) {
            addChildBlock("preprocess" + i, preprocess[i]);
        }
        this.merged = new MergedConvolutions(space, edges);
    }

    /** Turns the merging of same-input convolutions on or off (it is on by default; off = one conv per op). */
    void setMerging(boolean on) {
        this.merging = on;
    }

    public CellType type() {
        return type;
    }

    public MixedOp edge(int e) {
        return edges[e];
    }

    /** @param inputs one array (NB201) or the two previous cells' outputs (DARTS) */
    NDArray forward(NDList inputs, ForwardWeights weights, ForwardMode mode) {
        NodeInput[] nodes = new NodeInput[space.nodeCount()];
        for (int i = 0; i < space.inputNodes(); i++) {
            NDArray x = inputs.get(i);
            nodes[i] = new NodeInput(preprocess.length == 0 ? x : preprocess[i].apply(x, mode));
        }
        NDArray out = forwardFrom(nodes, space.inputNodes(), weights, mode);
        // The nodes are this forward's own (PT's cached prefixes call forwardFrom instead): what autograd does not
        // keep of them is freed here rather than when the step ends.
        for (NodeInput node : nodes) {
            node.close(out, inputs);
        }
        return out;
    }

    /**
     * Computes nodes {@code first..} given every earlier node (later entries are overwritten). PT reuses the
     * nodes before a perturbed edge's target this way.
     */
    NDArray forwardFrom(NodeInput[] nodes, int first, ForwardWeights weights, ForwardMode mode) {
        for (int node = first; node < space.nodeCount(); node++) {
            NDArray sum = null;
            // whether sum is an array of this loop's own (not one a node keeps), to be closed once it is used
            boolean sumOwned = false;
            for (int e : space.incoming(node)) {
                int from = space.edges().get(e).from();
                if (merging && !merged.isEmpty()) {
                    merged.prepare(nodes[from], from, weights, type, mode);
                }
                NDArray c = edges[e].forward(nodes[from], weights, mode);
                if (c == null) {
                    continue;
                }
                boolean cOwned = !nodes[from].holds(c);
                if (sum == null) {
                    sum = c;
                    sumOwned = cOwned;
                } else {
                    // out of place: a committed skip returns its input node itself
                    NDArray next = sum.add(c);
                    // autograd's add keeps neither input, so closing frees them now rather than at the step's end
                    if (sumOwned) {
                        sum.close();
                    }
                    if (cOwned) {
                        c.close();
                    }
                    sum = next;
                    sumOwned = true;
                }
            }
            nodes[node] = new NodeInput(sum != null ? sum : zeros(nodes[0].value()));
        }
        if (!space.concatenatesOutput()) {
            return nodes[space.nodeCount() - 1].value();
        }
        NDList parts = new NDList();
        for (int node = space.inputNodes(); node < space.nodeCount(); node++) {
            parts.add(nodes[node].value());
        }
        return NDArrays.concat(parts, 1);
    }

    /** Preprocessed input nodes, for callers that cache them. */
    NodeInput[] inputNodes(NDList inputs, ForwardMode mode) {
        NodeInput[] nodes = new NodeInput[space.nodeCount()];
        for (int i = 0; i < space.inputNodes(); i++) {
            NDArray x = inputs.get(i);
            nodes[i] = new NodeInput(preprocess.length == 0 ? x : preprocess[i].apply(x, mode));
        }
        return nodes;
    }

    private NDArray zeros(NDArray like) {
        Shape s = like.getShape();
        return like.getManager().zeros(new Shape(s.get(0), channels, (s.get(2) + reduction - 1) / reduction,
                (s.get(3) + reduction - 1) / reduction));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        throw new UnsupportedOperationException("a search cell runs inside its supernet, with the forward's architecture weights");
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
