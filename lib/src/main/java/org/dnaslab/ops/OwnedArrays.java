package org.dnaslab.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Arrays made from Java values whose memory PyTorch owns.
 *
 * <p>DJL's PyTorch engine (0.35.1) makes {@code manager.create(float[] …)} a tensor that borrows a Java direct
 * buffer, kept reachable only by the returned Java handle. Autograd, views and parameters can keep the tensor
 * after that handle is closed; the garbage collector then frees the buffer under them (a use after free that
 * shows as wrong gradients, NaN or a native crash). A clone owns its memory like any other PyTorch result.
 */
public final class OwnedArrays {
    private OwnedArrays() {
    }

    public static NDArray of(NDManager manager, float[] values, Shape shape) {
        return owned(manager.create(values, shape));
    }

    public static NDArray of(NDManager manager, long[] values, Shape shape) {
        return owned(manager.create(values, shape));
    }

    private static NDArray owned(NDArray borrowed) {
        try {
            return borrowed.duplicate();
        } finally {
            borrowed.close();
        }
    }
}
