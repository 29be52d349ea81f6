package org.dnaslab.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

import java.util.List;
import java.util.SplittableRandom;

/** ReLU, convolution (no bias), batch norm: NAS-Bench-201's {@code nor_conv_kxk} and DARTS's preprocessing. */
public final class ReluConvBn extends Op {
    private final Parameter weight;
    private final BatchNorm2d norm;
    private final int stride;
    private final int padding;
    private final int dilation;
    private final long outChannels;

    public ReluConvBn(String opName, NDManager manager, SplittableRandom rng, String name, long in, long out, int kernel,
                      int stride, int padding, int dilation, boolean affine, boolean trackStats) {
        super(opName);
        this.weight = ParameterInit.weight(manager, rng, name + ".conv", new Shape(out, in, kernel, kernel));
        this.norm = new BatchNorm2d(manager, name + ".bn", out, affine, trackStats);
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        this.outChannels = out;
        register(List.of(weight));
        register(norm.parameters());
    }

    @Override
    public NDArray apply(NDArray x, ForwardMode mode) {
        return applyActivated(x.getNDArrayInternal().relu(), mode);
    }

    @Override
    public boolean startsWithRelu() {
        return true;
    }

    @Override
    public NDArray applyActivated(NDArray reluX, ForwardMode mode) {
        return norm.apply(Functional.conv2d(reluX, weight.getArray(), stride, padding, dilation, 1), mode);
    }

    public Parameter weight() {
        return weight;
    }

    public int stride() {
        return stride;
    }

    public int padding() {
        return padding;
    }

    public int dilation() {
        return dilation;
    }

    public long kernel() {
        return weight.getArray().getShape().get(2);
    }

    /** Whether this op may be merged with same-shaped siblings reading the same input (see BatchNorm2d#isPlain). */
    public boolean isMergeable() {
        return norm.isPlain();
    }

    @Override
    public Shape outputShape(Shape in) {
        long k = weight.getArray().getShape().get(2);
        long h = (in.get(2) + 2L * padding - dilation * (k - 1) - 1) / stride + 1;
        long w = (in.get(3) + 2L * padding - dilation * (k - 1) - 1) / stride + 1;
        return new Shape(in.get(0), outChannels, h, w);
    }
}
