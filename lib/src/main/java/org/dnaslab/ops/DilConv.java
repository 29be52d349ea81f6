package org.dnaslab.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

import java.util.List;
import java.util.SplittableRandom;

/** ReLU, depthwise (possibly dilated) convolution, pointwise convolution, batch norm: DARTS's {@code dil_conv}. */
public final class DilConv extends Op {
    private final Parameter depthwise;
    private final Parameter pointwise;
    private final BatchNorm2d norm;
    private final int stride;
    private final int padding;
    private final int dilation;
    private final long in;

    public DilConv(String opName, NDManager manager, SplittableRandom rng, String name, long in, long out, int kernel,
                   int stride, int padding, int dilation, boolean affine) {
        super(opName);
        this.depthwise = ParameterInit.weight(manager, rng, name + ".dw", new Shape(in, 1, kernel, kernel));
        this.pointwise = ParameterInit.weight(manager, rng, name + ".pw", new Shape(out, in, 1, 1));
        this.norm = new BatchNorm2d(manager, name + ".bn", out, affine, false);
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        this.in = in;
        register(List.of(depthwise, pointwise));
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
        NDArray y = Functional.conv2d(reluX, depthwise.getArray(), stride, padding, dilation, (int) in);
        return norm.apply(Functional.conv2d(y, pointwise.getArray(), 1, 0, 1, 1), mode);
    }

    @Override
    public Shape outputShape(Shape s) {
        long k = depthwise.getArray().getShape().get(2);
        long h = (s.get(2) + 2L * padding - dilation * (k - 1) - 1) / stride + 1;
        long w = (s.get(3) + 2L * padding - dilation * (k - 1) - 1) / stride + 1;
        return new Shape(s.get(0), pointwise.getArray().getShape().get(0), h, w);
    }
}
