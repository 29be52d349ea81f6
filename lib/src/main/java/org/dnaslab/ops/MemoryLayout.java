package org.dnaslab.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Physical layout of NCHW activations. The logical shape stays (N, C, H, W) everywhere; only the strides change.
 *
 * <p>With channels-last strides (PyTorch's {@code torch.channels_last}) oneDNN runs the convolutions, batch norms
 * and pools of a small-channel supernet without reordering to and from its blocked format, which on CPU makes a
 * search step about twice as fast (see the README's speed table). PyTorch's ops keep the layout of their input, so
 * converting the network's input once is enough: every activation downstream follows.
 */
public enum MemoryLayout {
    /** Row-major NCHW, PyTorch's default. */
    CONTIGUOUS,
    /** NHWC in memory, NCHW in shape. */
    CHANNELS_LAST;

    /** The layout chosen by {@code -Ddnaslab.memoryLayout=contiguous|channels_last}; channels-last by default. */
    public static MemoryLayout fromSystemProperty() {
        String v = System.getProperty("dnaslab.memoryLayout", "channels_last");
        try {
            return valueOf(v.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("system property dnaslab.memoryLayout: expected contiguous or "
                    + "channels_last, got '" + v + "'", e);
        }
    }

    /** {@code x} (NCHW) in this layout: the same array if it already is, else a copy. */
    public NDArray apply(NDArray x) {
        Shape s = x.getShape();
        if (s.dimension() != 4) {
            throw new IllegalArgumentException("expected an NCHW array, got shape " + s);
        }
        if (this == CONTIGUOUS) {
            return x;
        }
        // permute to NHWC, copy into a contiguous NHWC buffer (flatten copies a non-contiguous view), then view it
        // as NCHW again: the result has shape (N, C, H, W) and strides (HWC, 1, WC, C).
        return x.transpose(0, 2, 3, 1).flatten().reshape(s.get(0), s.get(2), s.get(3), s.get(1)).transpose(0, 3, 1, 2);
    }
}
