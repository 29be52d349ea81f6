package org.dnaslab.supernet;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.AbstractBlock;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.dnaslab.ops.DropPath;
import org.dnaslab.ops.ForwardMode;
import org.dnaslab.ops.Identity;
import org.dnaslab.ops.Op;
import org.dnaslab.ops.OpFactory;
import org.dnaslab.space.CellType;
import org.dnaslab.space.SearchSpace;

/**
 * One edge of a search cell: Σ_o w_o · op_o(x) over the ops the forward weights allow. {@code none}, masked
 * ops and ops other than a committed one are never computed.
 */
public final class MixedOp extends AbstractBlock {
    private final CellType type;
    private final int edge;
    private final Op[] ops;

    /** @param only build just this op (a discrete network), or null for every candidate (a supernet) */
    MixedOp(SearchSpace space, CellType type, int edge, OpFactory factory, String name, long channels, int stride,
            String only) {
        super((byte) 1);
        this.type = type;
        this.edge = edge;
        this.ops = new Op[space.ops().size()];
        for (int o = 0; o < ops.length; o++) {
            String opName = space.ops().get(o);
            if (space.candidates(type, edge).contains(opName) && (only == null || only.equals(opName))) {
                ops[o] = factory.create(opName, name + "." + opName, channels, stride);
                if (ops[o] != null) {
                    addChildBlock(opName, ops[o]);
                }
            }
        }
    }

    /** The op at index {@code o} of the space's op list, or null (none, or not a candidate here). */
    public Op op(int o) {
        return ops[o];
    }

    /** @return the weighted sum, or null when nothing on this edge contributes. */
    NDArray forward(NodeInput in, ForwardWeights weights, ForwardMode mode) {
        ForwardWeights.EdgeWeights w = weights.edge(type, edge);
        if (w.dropped()) {
            return null;
        }
        NDArray sum;
        if (w.committedOp() >= 0) {
            Op op = ops[w.committedOp()];
            sum = op == null ? null : run(w.committedOp(), in, mode);
            if (sum != null && mode == ForwardMode.TRAIN && weights.dropPath() > 0 && !(op instanceof Identity)) {
                sum = DropPath.apply(sum, weights.dropPath(), weights.dropPathRandom());
            }
        } else {
            sum = null;
            for (int o = 0; o < ops.length; o++) {
                NDArray wo = w.opWeights()[o];
                if (wo == null || ops[o] == null) {
                    continue;
                }
                NDArray y = run(o, in, mode).mul(wo);
                if (sum == null) {
                    sum = y;
                } else {
                    sum.addi(y);
                    // nothing reads y again and autograd's add keeps no input: free it now, not at the step's end
                    y.close();
                }
            }
        }
        if (sum == null || w.scale() == null) {
            return sum;
        }
        NDArray scaled = sum.mul(w.scale());
        if (!in.holds(sum)) {
            sum.close();
        }
        return scaled;
    }

    private NDArray run(int o, NodeInput in, ForwardMode mode) {
        NDArray merged = in.merged(edge, o);
        if (merged != null) {
            return merged;
        }
        Op op = ops[o];
        return op.startsWithRelu() ? op.applyActivated(in.relu(), mode) : op.apply(in.value(), mode);
    }

    int edgeIndex() {
        return edge;
    }

    CellType cellType() {
        return type;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        throw new UnsupportedOperationException("a MixedOp runs inside its cell, with the forward's architecture weights");
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
