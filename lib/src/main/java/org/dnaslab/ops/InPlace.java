package org.dnaslab.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/**
 * Copies values into an existing array without handing it Java memory.
 *
 * <p>Why not {@code NDArray.set(Buffer)} or {@code copyTo}: on the CPU, DJL's PyTorch engine (0.35.1,
 * {@code PyTorchLibrary.torchSet}) does not copy the buffer into the tensor; it makes the tensor's storage a
 * non-owning pointer into a Java direct buffer that only that one Java wrapper keeps reachable. Once the wrapper
 * is closed (an {@code NDScope} ends, or it was a temporary such as a gradient handle), the garbage collector
 * frees the buffer while the tensor, still owned by PyTorch (a parameter, or the gradient held by α's autograd
 * metadata), goes on reading and writing it: NaN α, heap corruption, SIGSEGV in libc or in the autograd engine.
 * An indexed assignment copies into the tensor's own storage instead.
 */
public final class InPlace {
    private static final NDIndex ALL = new NDIndex("...");

    private InPlace() {
    }

    /**
     * Overwrites {@code target} with {@code source} (same shape and type) in its own storage. Call it with autograd
     * recording off when {@code target} is a leaf that records gradients (autograd refuses in-place writes to those).
     */
    public static void copy(NDArray source, NDArray target) {
        if (!source.getShape().equals(target.getShape()) || source.getDataType() != target.getDataType()) {
            throw new IllegalArgumentException("cannot copy a " + source.getDataType() + " " + source.getShape()
                    + " array into a " + target.getDataType() + " " + target.getShape() + " one");
        }
        target.set(ALL, source);
    }
}
