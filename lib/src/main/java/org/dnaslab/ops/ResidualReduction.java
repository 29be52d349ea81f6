package org.dnaslab.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

import java.util.List;
import java.util.SplittableRandom;

/**
 * NAS-Bench-201's residual reduction block between stages: two ReLU-conv3x3-BN (the first with stride 2) plus a
 * shortcut of 2x2 average pooling and a 1x1 convolution. Fixed, not searched.
 */
public final class ResidualReduction extends Op {
    private final ReluConvBn a;
    private final ReluConvBn b;
    private final Parameter shortcut;

    public ResidualReduction(NDManager manager, SplittableRandom rng, String name, long in, long out) {
        super("residual_reduction");
        this.a = new ReluConvBn("conv_a", manager, rng, name + ".a", in, out, 3, 2, 1, 1, true, true);
        this.b = new ReluConvBn("conv_b", manager, rng, name + ".b", out, out, 3, 1, 1, 1, true, true);
        this.shortcut = ParameterInit.weight(manager, rng, name + ".shortcut", new Shape(out, in, 1, 1));
        addChildBlock("a", a);
        addChildBlock("b", b);
        register(List.of(shortcut));
    }

    @Override
    public NDArray apply(NDArray x, ForwardMode mode) {
        NDArray residual = b.apply(a.apply(x, mode), mode);
        NDArray skip = Functional.conv2d(Functional.avgPool(x, 2, 2), shortcut.getArray(), 1, 0, 1, 1);
        return residual.addi(skip);
    }

    @Override
    public Shape outputShape(Shape in) {
        return b.outputShape(a.outputShape(in));
    }
}
