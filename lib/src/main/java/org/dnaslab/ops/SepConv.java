package org.dnaslab.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.SplittableRandom;

/** Two stacked depthwise-separable convolutions (the first may stride): DARTS's {@code sep_conv}. */
public final class SepConv extends Op {
    private final DilConv first;
    private final DilConv second;

    public SepConv(String opName, NDManager manager, SplittableRandom rng, String name, long in, long out, int kernel,
                   int stride, int padding, boolean affine) {
        super(opName);
        this.first = new DilConv(opName, manager, rng, name + ".0", in, in, kernel, stride, padding, 1, affine);
        this.second = new DilConv(opName, manager, rng, name + ".1", in, out, kernel, 1, padding, 1, affine);
        addChildBlock("first", first);
        addChildBlock("second", second);
    }

    @Override
    public NDArray apply(NDArray x, ForwardMode mode) {
        return second.apply(first.apply(x, mode), mode);
    }

    @Override
    public boolean startsWithRelu() {
        return true;
    }

    @Override
    public NDArray applyActivated(NDArray reluX, ForwardMode mode) {
        return second.apply(first.applyActivated(reluX, mode), mode);
    }

    @Override
    public Shape outputShape(Shape in) {
        return second.outputShape(first.outputShape(in));
    }
}
