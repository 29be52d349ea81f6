package org.dnaslab.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** {@code none}: no connection. Cells skip it instead of adding zeros; {@link #apply} exists for completeness. */
public final class Zero extends Op {
    private final int stride;

    public Zero(int stride) {
        super("none");
        this.stride = stride;
    }

    @Override
    public NDArray apply(NDArray x, ForwardMode mode) {
        return x.getManager().zeros(outputShape(x.getShape()), x.getDataType());
    }

    @Override
    public Shape outputShape(Shape in) {
        return new Shape(in.get(0), in.get(1), (in.get(2) + stride - 1) / stride, (in.get(3) + stride - 1) / stride);
    }
}
