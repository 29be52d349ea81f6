package org.dnaslab.data;

import org.junit.jupiter.api.Test;

import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticDataTest {
    private static long crc(ImageDataset d) {
        CRC32 crc = new CRC32();
        byte[] one = new byte[d.sampleLength()];
        for (int i = 0; i < d.size(); i++) {
            d.copyRaw(i, one);
            crc.update(one);
            crc.update(d.label(i));
        }
        return crc.getValue();
    }

    @Test
    void sameSeedSameDataOtherSeedOtherData() {
        assertEquals(crc(SyntheticData.gratings(50, 10, 1).train()), crc(SyntheticData.gratings(50, 10, 1).train()));
        assertNotEquals(crc(SyntheticData.gratings(50, 10, 1).train()), crc(SyntheticData.gratings(50, 10, 2).train()));
        assertNotEquals(crc(SyntheticData.gratings(50, 50, 1).train()), crc(SyntheticData.gratings(50, 50, 1).test()));
    }

    @Test
    void shapesClassesAndSharedStatistics() {
        DataPair p = SyntheticData.gratings(200, 40, 6, 3, 32, 32, 4);
        assertEquals(200, p.train().size());
        assertEquals(3, p.train().channels());
        assertEquals(6, p.train().numClasses());
        assertEquals("grating-45deg-p4", p.train().classNames().get(1));
        assertEquals("grating-0deg-p7", p.train().classNames().get(4));
        assertArrayEquals(p.train().mean(), p.test().mean());
        for (int c : p.train().classCounts()) {
            assertTrue(c > 15, "every class drawn");
        }
    }

    /**
     * Mean absolute difference to the right, down and the two diagonal neighbours: what a 3x3 convolution,
     * a ReLU and global pooling can compute, so separability here means a tiny conv net can learn the classes.
     */
    private static double[] directionalFeatures(ImageDataset d, int i) {
        byte[] px = new byte[d.sampleLength()];
        d.copyRaw(i, px);
        int w = d.width();
        double[] f = new double[4];
        for (int y = 0; y < d.height() - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int v = px[y * w + x] & 0xff;
                f[0] += Math.abs(v - (px[y * w + x + 1] & 0xff));
                f[1] += Math.abs(v - (px[(y + 1) * w + x] & 0xff));
                f[2] += Math.abs(v - (px[(y + 1) * w + x + 1] & 0xff));
                f[3] += Math.abs(v - (px[(y + 1) * w + x - 1] & 0xff));
            }
        }
        return f;
    }

    @Test
    void classesAreSeparableByLocalOrientationFeatures() {
        DataPair p = SyntheticData.gratings(400, 200, 9);
        int k = p.train().numClasses();
        double[][] centroid = new double[k][4];
        int[] count = new int[k];
        for (int i = 0; i < p.train().size(); i++) {
            double[] f = directionalFeatures(p.train(), i);
            int y = p.train().label(i);
            count[y]++;
            for (int j = 0; j < 4; j++) {
                centroid[y][j] += f[j];
            }
        }
        int correct = 0;
        for (int i = 0; i < p.test().size(); i++) {
            double[] f = directionalFeatures(p.test(), i);
            int best = -1;
            double bestDist = Double.MAX_VALUE;
            for (int c = 0; c < k; c++) {
                double dist = 0;
                for (int j = 0; j < 4; j++) {
                    double diff = f[j] - centroid[c][j] / count[c];
                    dist += diff * diff;
                }
                if (dist < bestDist) {
                    bestDist = dist;
                    best = c;
                }
            }
            correct += best == p.test().label(i) ? 1 : 0;
        }
        assertTrue(correct >= 180, "nearest centroid got " + correct + "/200");
    }
}
