package org.dnaslab.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** {@code skip_connect} with stride 1: the input itself. */
public final class Identity extends Op {
    public Identity() {
        super("skip_connect");
    }

    @Override
    public NDArray apply(NDArray x, ForwardMode mode) {
        return x;
    }

    @Override
    public Shape outputShape(Shape input) {
        return input;
    }
}
