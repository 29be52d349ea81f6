package org.dnaslab.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Zela et al.'s {@code noise} op (space S4): standard Gaussian noise shaped like the output, independent of the
 * input, while training; zero otherwise. Drawn from the engine's generator, which the search seeds.
 */
public final class Noise extends Op {
    private final int stride;

    public Noise(int stride) {
        super("noise");
        this.stride = stride;
    }

    @Override
    public NDArray apply(NDArray x, ForwardMode mode) {
        Shape out = outputShape(x.getShape());
        return mode == ForwardMode.EVAL ? x.getManager().zeros(out) : x.getManager().randomNormal(out);
    }

    @Override
    public Shape outputShape(Shape in) {
        return new Shape(in.get(0), in.get(1), (in.get(2) + stride - 1) / stride, (in.get(3) + stride - 1) / stride);
    }
}
