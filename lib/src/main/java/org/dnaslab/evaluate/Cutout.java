package org.dnaslab.evaluate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Cutout (DeVries &amp; Taylor 2017): in each image, a {@code length × length} square at a uniformly random centre
 * is set to zero in every channel; a square that reaches past a border is clipped, so near the borders less is cut.
 *
 * <p>Which zero: the value written is 0 in the <em>normalised</em> tensor, as DARTS' code does (it cuts after
 * {@code Normalize}). That is the dataset's mean pixel, not a black one; apply this after normalising to match the
 * literature.
 *
 * <p>Placement: for centre (y, x) the square covers rows {@code y − ⌊length/2⌋} up to but excluding
 * {@code y − ⌊length/2⌋ + length} (likewise columns), so an interior square is exactly {@code length} wide for odd and
 * even lengths. Each image draws y, then x, from the given random source, in batch order.
 */
public final class Cutout {
    private Cutout() {
    }

    /**
     * Cuts a square out of each image of a float NCHW batch, in place; {@code length} 0 changes nothing and draws
     * no random numbers.
     */
    public static void apply(NDArray batch, int length, SplittableRandom rng) {
        Shape s = batch.getShape();
        if (s.dimension() != 4) {
            throw new IllegalArgumentException("cutout needs an NCHW batch, got shape " + s);
        }
        if (batch.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException("cutout needs a float32 batch, got " + batch.getDataType());
        }
        checkLength(length);
        if (length == 0) {
            return;
        }
        int n = Math.toIntExact(s.get(0));
        int h = Math.toIntExact(s.get(2));
        int w = Math.toIntExact(s.get(3));
        float[] mask = new float[n * h * w];
        Arrays.fill(mask, 1f);
        for (int i = 0; i < n; i++) {
            zeroSquare(mask, i * h * w, h, w, length, rng);
        }
        // One multiply by an (N,1,H,W) mask, broadcast over channels, instead of one indexed write per image.
        try (NDArray m = batch.getManager().create(mask, new Shape(n, 1, h, w))) {
            batch.muli(m);
        }
    }

    /** The same on a plain array holding an {@code n × c × h × w} batch in row-major order. */
    public static void apply(float[] batch, int n, int c, int h, int w, int length, SplittableRandom rng) {
        if ((long) n * c * h * w != batch.length) {
            throw new IllegalArgumentException("cutout: a " + n + "x" + c + "x" + h + "x" + w + " batch needs "
                    + ((long) n * c * h * w) + " values, the array has " + batch.length);
        }
        checkLength(length);
        if (length == 0) {
            return;
        }
        float[] mask = new float[h * w];
        for (int i = 0; i < n; i++) {
            Arrays.fill(mask, 1f);
            zeroSquare(mask, 0, h, w, length, rng);
            for (int ch = 0; ch < c; ch++) {
                int base = (i * c + ch) * h * w;
                for (int p = 0; p < h * w; p++) {
                    if (mask[p] == 0f) {
                        batch[base + p] = 0f;
                    }
                }
            }
        }
    }

    private static void checkLength(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("cutout length must be >= 0 (0 = off), got " + length);
        }
    }

    private static void zeroSquare(float[] mask, int offset, int h, int w, int length, SplittableRandom rng) {
        int y = rng.nextInt(h);
        int x = rng.nextInt(w);
        int y0 = Math.max(0, y - length / 2);
        int y1 = Math.min(h, y - length / 2 + length);
        int x0 = Math.max(0, x - length / 2);
        int x1 = Math.min(w, x - length / 2 + length);
        for (int r = y0; r < y1; r++) {
            Arrays.fill(mask, offset + r * w + x0, offset + r * w + x1, 0f);
        }
    }
}
