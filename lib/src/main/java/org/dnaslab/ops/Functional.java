package org.dnaslab.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Stateless tensor functions used by the ops, named as in {@code torch.nn.functional}. */
public final class Functional {
    private static final Shape ONE = new Shape(1, 1);

    private Functional() {
    }

    public static NDArray conv2d(NDArray x, NDArray weight, int stride, int padding, int dilation, int groups) {
        return x.getNDArrayInternal().convolution(x, weight, null, new Shape(stride, stride), new Shape(padding, padding),
                new Shape(dilation, dilation), groups).singletonOrThrow();
    }

    public static NDArray avgPool3x3(NDArray x, int stride) {
        // count_include_pad = false: border means average only real pixels, as NAS-Bench-201 and DARTS do.
        return x.getNDArrayInternal().avgPool(new Shape(3, 3), new Shape(stride, stride), ONE, false, false);
    }

    public static NDArray avgPool(NDArray x, int kernel, int stride) {
        return x.getNDArrayInternal().avgPool(new Shape(kernel, kernel), new Shape(stride, stride), new Shape(0, 0),
                false, false);
    }

    public static NDArray maxPool3x3(NDArray x, int stride) {
        return x.getNDArrayInternal().maxPool(new Shape(3, 3), new Shape(stride, stride), ONE, false);
    }

    public static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        return x.getNDArrayInternal().linear(x, weight, bias).singletonOrThrow();
    }

    /** Mean over H and W of an NCHW array, one axis at a time (PyTorch's engine refuses several axes at once). */
    public static NDArray globalAvgPool(NDArray x) {
        return x.mean(new int[] {3}).mean(new int[] {2});
    }
}
