package org.dnaslab.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageDatasetTest {
    /** Three 2-channel 1x2 images; sample i has bytes 10i+0..10i+3 (channel 0 then channel 1). */
    private static ImageDataset tiny() {
        byte[] px = {0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, (byte) 255};
        return ImageDataset.of("tiny", px, new int[] {2, 0, 1}, 2, 1, 2, List.of("a", "b", "c"),
                new float[] {0.5f, 0.25f}, new float[] {0.5f, 2f});
    }

    @Test
    void copyNormalizedAppliesPerChannelMeanAndStdInNchwOrder() {
        ImageDataset d = tiny();
        float[] dst = new float[8];
        d.copyNormalized(new int[] {9, 2, 0, 9}, 1, 3, dst);
        float[] expected = {
            (20 / 255f - 0.5f) / 0.5f, (21 / 255f - 0.5f) / 0.5f, (22 / 255f - 0.25f) / 2f, (1f - 0.25f) / 2f,
            (0f - 0.5f) / 0.5f, (1 / 255f - 0.5f) / 0.5f, (2 / 255f - 0.25f) / 2f, (3 / 255f - 0.25f) / 2f};
        assertArrayEquals(expected, dst, 1e-6f);
        int[] labels = new int[2];
        d.copyLabels(new int[] {9, 2, 0, 9}, 1, 3, labels);
        assertArrayEquals(new int[] {1, 2}, labels);
    }

    @Test
    void ofCopiesItsInputs() {
        byte[] px = new byte[4];
        int[] labels = {0};
        ImageDataset d = ImageDataset.of("x", px, labels, 1, 2, 2, null, new float[] {0}, new float[] {1});
        px[0] = 100;
        labels[0] = 5;
        byte[] raw = new byte[4];
        d.copyRaw(0, raw);
        assertEquals(0, raw[0]);
        assertEquals(0, d.label(0));
    }

    @Test
    void subsetAndLimitAreViewsInTheGivenOrder() {
        ImageDataset d = tiny();
        ImageDataset s = d.subset(new int[] {2, 0});
        assertEquals(2, s.size());
        assertEquals(1, s.label(0));
        assertEquals(2, s.label(1));
        byte[] raw = new byte[4];
        s.subset(new int[] {1}).copyRaw(0, raw);
        assertArrayEquals(new byte[] {0, 1, 2, 3}, raw);
        assertEquals(2, d.limit(2).size());
        assertEquals(0, d.limit(2).label(1));
        assertSame(d, d.limit(3));
        assertSame(d, d.limit(100));
        assertEquals(0, d.limit(0).size());
        assertThrows(IndexOutOfBoundsException.class, () -> d.subset(new int[] {3}));
    }

    @Test
    void missingStatisticsAreMeasuredPerChannel() {
        // Channel 0 holds 0 and 255 (mean 0.5, std 0.5); channel 1 holds 51 twice (constant: std falls back to 1).
        ImageDataset d = ImageDataset.of("m", new byte[] {0, (byte) 255, 51, 51}, new int[] {0}, 2, 1, 2,
                null, null, null);
        assertArrayEquals(new float[] {0.5f, 0.2f}, d.mean(), 1e-6f);
        assertArrayEquals(new float[] {0.5f, 1f}, d.std(), 1e-6f);
        assertEquals(List.of("0"), d.classNames());
        ImageDataset measured = tiny().subset(new int[] {0}).withMeasuredNormalization();
        assertArrayEquals(new float[] {0.5f / 255, 2.5f / 255}, measured.mean(), 1e-6f);
    }

    @Test
    void inconsistentInputsAreRejectedWithTheReason() {
        String m = assertThrows(IllegalArgumentException.class, () -> ImageDataset.of("bad", new byte[5],
                new int[] {0}, 1, 2, 2, null, null, null)).getMessage();
        assertTrue(m.contains("need 4 pixel bytes, got 5"), m);
        m = assertThrows(IllegalArgumentException.class, () -> ImageDataset.of("bad", new byte[4],
                new int[] {3}, 1, 2, 2, List.of("a", "b"), null, null)).getMessage();
        assertTrue(m.contains("label 3 is out of range for 2 classes"), m);
        m = assertThrows(IllegalArgumentException.class, () -> ImageDataset.of("bad", new byte[4],
                new int[] {0}, 1, 2, 2, null, new float[] {0, 0}, new float[] {1})).getMessage();
        assertTrue(m.contains("mean has 2 values for 1 channels"), m);
        m = assertThrows(IllegalArgumentException.class, () -> tiny().copyNormalized(new int[] {0, 1}, 0, 2,
                new float[7])).getMessage();
        assertTrue(m.contains("destination holds 7 values, 2 samples need 8"), m);
    }

    @Test
    void testSetCanTakeTheTrainingStatistics() {
        ImageDataset d = tiny().withNormalization(new float[] {0, 0}, new float[] {1, 1});
        float[] dst = new float[4];
        d.copyNormalized(new int[] {2}, 0, 1, dst);
        assertArrayEquals(new float[] {20 / 255f, 21 / 255f, 22 / 255f, 1f}, dst, 1e-6f);
    }
}
