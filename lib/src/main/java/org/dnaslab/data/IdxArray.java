package org.dnaslab.data;

/**
 * The content of an idx file of unsigned bytes: its dimensions (e.g. [60000, 28, 28] for images, [60000] for
 * labels) and the bytes in row-major order.
 */
public record IdxArray(int[] dims, byte[] data) {
    /** The first dimension: the number of items. */
    public int count() {
        return dims[0];
    }
}
