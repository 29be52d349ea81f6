package org.dnaslab.search;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.dnaslab.data.ImageDataset;
import org.dnaslab.ops.OwnedArrays;

/** One mini-batch as engine arrays: images NCHW float32, labels int64. */
public record Batch(NDArray images, NDArray labels) {

    /** Loads samples {@code order[from..from+size)} of {@code data} into {@code manager}. */
    public static Batch load(NDManager manager, ImageDataset data, int[] order, int from, int size) {
        int c = data.channels();
        int h = data.height();
        int w = data.width();
        float[] pixels = new float[size * c * h * w];
        data.copyNormalized(order, from, from + size, pixels);
        long[] labels = new long[size];
        for (int i = 0; i < size; i++) {
            labels[i] = data.label(order[from + i]);
        }
        // owned by PyTorch: the autograd graph may hold the images past our handles (see OwnedArrays)
        NDArray x = OwnedArrays.of(manager, pixels, new Shape(size, c, h, w));
        NDArray y = OwnedArrays.of(manager, labels, new Shape(size)).toType(DataType.INT64, false);
        return new Batch(x, y);
    }

    public int size() {
        return (int) labels.size();
    }
}
