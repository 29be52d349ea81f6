package org.dnaslab.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * 3x3 average or max pooling (padding 1). In the DARTS search supernet a parameter-free batch norm follows the
 * pool, as in the DARTS code, so that pool outputs are on the scale of the conv outputs they are mixed with.
 */
public final class Pool extends Op {
    private final boolean max;
    private final int stride;
    private final BatchNorm2d norm;

    public Pool(String opName, int stride, BatchNorm2d normAfter) {
        super(opName);
        this.max = opName.startsWith("max");
        this.stride = stride;
        this.norm = normAfter;
        if (normAfter != null) {
            register(normAfter.parameters());
        }
    }

    public static Pool plain(String opName, int stride) {
        return new Pool(opName, stride, null);
    }

    public static Pool withNorm(NDManager manager, String name, String opName, int stride, long channels) {
        return new Pool(opName, stride, new BatchNorm2d(manager, name + ".bn", channels, false, false));
    }

    @Override
    public NDArray apply(NDArray x, ForwardMode mode) {
        NDArray y = max ? Functional.maxPool3x3(x, stride) : Functional.avgPool3x3(x, stride);
        return norm == null ? y : norm.apply(y, mode);
    }

    @Override
    public Shape outputShape(Shape in) {
        return new Shape(in.get(0), in.get(1), (in.get(2) - 1) / stride + 1, (in.get(3) - 1) / stride + 1);
    }
}
