package org.dnaslab.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CutoutTest {
    private static final int N = 64;
    private static final int C = 2;
    private static final int H = 12;
    private static final int W = 10;

    private static float[] ones() {
        float[] a = new float[N * C * H * W];
        Arrays.fill(a, 1f);
        return a;
    }

    /** The zeroed pixels of image i, channel ch, as a bounding box {y0, y1, x0, x1} (exclusive ends) and count. */
    private static int[] zeroBox(float[] a, int i, int ch) {
        int y0 = H;
        int y1 = 0;
        int x0 = W;
        int x1 = 0;
        int count = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                if (a[((i * C + ch) * H + y) * W + x] == 0f) {
                    count++;
                    y0 = Math.min(y0, y);
                    y1 = Math.max(y1, y + 1);
                    x0 = Math.min(x0, x);
                    x1 = Math.max(x1, x + 1);
                }
            }
        }
        return new int[] {y0, y1, x0, x1, count};
    }

    @Test
    void eachImageLosesOneClippedSquareTheSameInEveryChannel() {
        int length = 4;
        float[] a = ones();
        Cutout.apply(a, N, C, H, W, length, new SplittableRandom(1));
        int full = 0;
        int clipped = 0;
        for (int i = 0; i < N; i++) {
            int[] box = zeroBox(a, i, 0);
            int h = box[1] - box[0];
            int w = box[3] - box[2];
            assertTrue(box[4] > 0, "image " + i + " was not cut");
            assertEquals(h * w, box[4], "the zeros of image " + i + " do not form a rectangle");
            assertTrue(h <= length && w <= length, "square too large in image " + i);
            // A side shorter than the length must touch a border: the square was clipped, not shrunk.
            assertTrue(h == length || box[0] == 0 || box[1] == H, "unclipped short side in image " + i);
            assertTrue(w == length || box[2] == 0 || box[3] == W, "unclipped short side in image " + i);
            assertArrayEquals(box, zeroBox(a, i, 1), "channels differ in image " + i);
            if (box[4] == length * length) {
                full++;
            } else {
                clipped++;
            }
        }
        assertTrue(full > 0 && clipped > 0, "expected both interior and border squares: " + full + "/" + clipped);
    }

    @Test
    void theSameSeedCutsTheSameSquaresAndAnotherSeedOthers() {
        float[] a = ones();
        float[] b = ones();
        float[] c = ones();
        Cutout.apply(a, N, C, H, W, 5, new SplittableRandom(7));
        Cutout.apply(b, N, C, H, W, 5, new SplittableRandom(7));
        Cutout.apply(c, N, C, H, W, 5, new SplittableRandom(8));
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
    }

    @Test
    void lengthZeroLeavesTheBatchAndTheRandomSourceAlone() {
        float[] a = ones();
        SplittableRandom rng = new SplittableRandom(3);
        Cutout.apply(a, N, C, H, W, 0, rng);
        assertArrayEquals(ones(), a);
        assertEquals(new SplittableRandom(3).nextLong(), rng.nextLong());
    }

    @Test
    void centresCoverTheWholeImage() {
        // With length 1 the cut pixel is the centre itself: over many images every position should come up.
        int n = 4000;
        float[] a = new float[n * H * W];
        Arrays.fill(a, 1f);
        Cutout.apply(a, n, 1, H, W, 1, new SplittableRandom(11));
        int[] hits = new int[H * W];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < H * W; p++) {
                if (a[i * H * W + p] == 0f) {
                    hits[p]++;
                }
            }
        }
        assertEquals(n, Arrays.stream(hits).sum());
        assertTrue(Arrays.stream(hits).allMatch(h -> h > 10), Arrays.toString(hits));
    }

    @Test
    void ndArrayVersionCutsTheBatchInPlaceLikeTheArrayVersion() {
        float[] expected = ones();
        Cutout.apply(expected, N, C, H, W, 6, new SplittableRandom(5));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray batch = m.ones(new Shape(N, C, H, W));
            Cutout.apply(batch, 6, new SplittableRandom(5));
            assertArrayEquals(expected, batch.toFloatArray());
        }
    }

    @Test
    void rejectsWhatItCannotCut() {
        assertThrows(IllegalArgumentException.class, () -> Cutout.apply(new float[10], 1, 1, 3, 3, 2, new SplittableRandom(0)));
        assertThrows(IllegalArgumentException.class, () -> Cutout.apply(ones(), N, C, H, W, -1, new SplittableRandom(0)));
        try (NDManager m = NDManager.newBaseManager()) {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> Cutout.apply(m.ones(new Shape(4, 28, 28)), 8, new SplittableRandom(0)));
            assertTrue(e.getMessage().contains("NCHW"), e.getMessage());
        }
    }
}
