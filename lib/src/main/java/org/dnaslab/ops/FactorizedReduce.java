package org.dnaslab.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Halves the resolution without losing every other pixel: two stride-2 1x1 convolutions, one shifted by a pixel,
 * concatenated, then batch norm. DARTS's reduction-cell skip connection and its preprocessing after a reduction.
 */
public final class FactorizedReduce extends Op {
    private static final NDIndex SHIFTED = new NDIndex(":, :, 1:, 1:");
    private final Parameter conv1;
    private final Parameter conv2;
    private final BatchNorm2d norm;
    private final long out;

    public FactorizedReduce(String opName, NDManager manager, SplittableRandom rng, String name, long in, long out,
                            boolean affine) {
        super(opName);
        if (out % 2 != 0) {
            throw new IllegalArgumentException("factorized reduce needs an even channel count, got " + out);
        }
        this.conv1 = ParameterInit.weight(manager, rng, name + ".conv1", new Shape(out / 2, in, 1, 1));
        this.conv2 = ParameterInit.weight(manager, rng, name + ".conv2", new Shape(out / 2, in, 1, 1));
        this.norm = new BatchNorm2d(manager, name + ".bn", out, affine, false);
        this.out = out;
        register(List.of(conv1, conv2));
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
    public NDArray applyActivated(NDArray r, ForwardMode mode) {
        NDArray a = Functional.conv2d(r, conv1.getArray(), 2, 0, 1, 1);
        NDArray b = Functional.conv2d(r.get(SHIFTED), conv2.getArray(), 2, 0, 1, 1);
        return norm.apply(NDArrays.concat(new NDList(a, b), 1), mode);
    }

    @Override
    public Shape outputShape(Shape in) {
        return new Shape(in.get(0), out, (in.get(2) + 1) / 2, (in.get(3) + 1) / 2);
    }
}
