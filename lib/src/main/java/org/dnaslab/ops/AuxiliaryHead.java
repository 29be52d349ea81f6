package org.dnaslab.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

import java.util.List;
import java.util.SplittableRandom;

/**
 * DARTS's auxiliary classifier for training from scratch, at two thirds of the depth: ReLU, average pooling to
 * 2x2, 1x1 conv to 128 + BN + ReLU, 2x2 conv to 768 + BN + ReLU, linear. The pooling window adapts to the input
 * size (DARTS hard-codes 5x5 with stride 3 for 8x8 maps; 28x28 inputs reach this point at 7x7).
 */
public final class AuxiliaryHead extends Op {
    private final Parameter conv1;
    private final BatchNorm2d bn1;
    private final Parameter conv2;
    private final BatchNorm2d bn2;
    private final Parameter fcWeight;
    private final Parameter fcBias;
    private final long classes;

    public AuxiliaryHead(NDManager manager, SplittableRandom rng, String name, long channels, long classes) {
        super("auxiliary_head");
        this.conv1 = ParameterInit.weight(manager, rng, name + ".conv1", new Shape(128, channels, 1, 1));
        this.bn1 = new BatchNorm2d(manager, name + ".bn1", 128, true, true);
        this.conv2 = ParameterInit.weight(manager, rng, name + ".conv2", new Shape(768, 128, 2, 2));
        this.bn2 = new BatchNorm2d(manager, name + ".bn2", 768, true, true);
        this.fcWeight = ParameterInit.weight(manager, rng, name + ".fc.weight", new Shape(classes, 768));
        this.fcBias = ParameterInit.bias(manager, rng, name + ".fc.bias", 768, classes);
        this.classes = classes;
        register(List.of(conv1, conv2, fcWeight, fcBias));
        register(bn1.parameters());
        register(bn2.parameters());
    }

    @Override
    public NDArray apply(NDArray x, ForwardMode mode) {
        long h = x.getShape().get(2);
        int kernel = (int) ((h + 1) / 2);
        int stride = (int) Math.max(1, h - kernel);
        NDArray y = Functional.avgPool(x.getNDArrayInternal().relu(), kernel, stride);
        y = bn1.apply(Functional.conv2d(y, conv1.getArray(), 1, 0, 1, 1), mode).getNDArrayInternal().relu();
        y = bn2.apply(Functional.conv2d(y, conv2.getArray(), 1, 0, 1, 1), mode).getNDArrayInternal().relu();
        return Functional.linear(y.reshape(y.getShape().get(0), -1), fcWeight.getArray(), fcBias.getArray());
    }

    @Override
    public Shape outputShape(Shape input) {
        return new Shape(input.get(0), classes);
    }
}
