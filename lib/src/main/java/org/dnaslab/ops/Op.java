package org.dnaslab.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A candidate operation on a cell edge, as a DJL block. Cells call {@link #apply} directly; the block interface
 * lets DJL tools (parameter listing, saving) see the op like any other block.
 */
public abstract class Op extends AbstractBlock {
    private final String opName;

    protected Op(String opName) {
        super((byte) 1);
        this.opName = opName;
    }

    /** The op's name in the search space vocabulary, e.g. {@code nor_conv_3x3}. */
    public String opName() {
        return opName;
    }

    public abstract NDArray apply(NDArray x, ForwardMode mode);

    /**
     * Whether the op starts with a ReLU of its input. A cell computes ReLU once per node and hands the result to
     * {@link #applyActivated} of every such op instead of letting each op recompute it.
     */
    public boolean startsWithRelu() {
        return false;
    }

    /** Same as {@link #apply} given {@code relu(x)}; only for ops that {@link #startsWithRelu()}. */
    public NDArray applyActivated(NDArray reluX, ForwardMode mode) {
        throw new UnsupportedOperationException(opName + " does not start with a ReLU");
    }

    /** Output shape for an NCHW input shape. */
    public abstract Shape outputShape(Shape input);

    protected final void register(Iterable<Parameter> params) {
        for (Parameter p : params) {
            addParameter(p);
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(apply(inputs.singletonOrThrow(), training ? ForwardMode.TRAIN : ForwardMode.EVAL));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {outputShape(inputShapes[0])};
    }

    @Override
    public String toString() {
        return opName;
    }
}
