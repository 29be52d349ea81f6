package org.dnaslab.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Small seeded image sets for tests: each class is a sinusoidal grating with its own orientation (and, beyond four
 * classes, its own stripe period), with a random phase per image and pixel noise. The phase makes the class
 * independent of position, so a small convolutional net with global pooling learns it in a few steps, while the
 * noise keeps it from being trivial.
 */
public final class SyntheticData {
    private static final int ORIENTATIONS = 4;
    private static final double NOISE = 20;

    private SyntheticData() {
    }

    /** Training and test sets of 28×28 grey gratings in 4 classes, like a miniature Fashion-MNIST. */
    public static DataPair gratings(int trainSize, int testSize, long seed) {
        return gratings(trainSize, testSize, 4, 1, 28, 28, seed);
    }

    /** Training and test sets from independent streams of one seed; the test set uses the training statistics. */
    public static DataPair gratings(int trainSize, int testSize, int classes, int channels, int height, int width,
                                    long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        ImageDataset train = gratings("synthetic-gratings/train", trainSize, classes, channels, height, width,
                root.split());
        ImageDataset test = gratings("synthetic-gratings/test", testSize, classes, channels, height, width,
                root.split()).withNormalization(train.mean(), train.std());
        return new DataPair(train, test);
    }

    /**
     * n gratings with labels drawn uniformly from 0..classes-1. Class k has orientation (k mod 4)·45° and stripe
     * period 4 + 3·(k div 4) pixels; every channel shows the same grating with its own brightness gain.
     */
    public static ImageDataset gratings(String name, int n, int classes, int channels, int height, int width,
                                        SplittableRandom random) {
        if (n < 0 || classes < 2 || channels < 1 || height < 2 || width < 2) {
            throw new IllegalArgumentException("synthetic data needs n >= 0, classes >= 2, channels >= 1 and"
                    + " images at least 2x2; got n=" + n + ", classes=" + classes + ", " + channels + "x" + height
                    + "x" + width);
        }
        int plane = height * width;
        byte[] pixels = new byte[n * channels * plane];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int k = random.nextInt(classes);
            labels[i] = k;
            double angle = Math.PI * (k % ORIENTATIONS) / ORIENTATIONS;
            double period = 4 + 3 * (k / ORIENTATIONS);
            double fx = Math.cos(angle) * 2 * Math.PI / period;
            double fy = Math.sin(angle) * 2 * Math.PI / period;
            double phase = random.nextDouble(2 * Math.PI);
            for (int c = 0; c < channels; c++) {
                double gain = 1.0 - 0.2 * c / channels;
                int off = (i * channels + c) * plane;
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        double v = 128 + gain * 90 * Math.sin(fx * x + fy * y + phase) + NOISE * random.nextGaussian();
                        pixels[off + y * width + x] = (byte) Math.max(0, Math.min(255, (int) Math.round(v)));
                    }
                }
            }
        }
        List<String> names = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            names.add("grating-" + (k % ORIENTATIONS) * 45 + "deg-p" + (4 + 3 * (k / ORIENTATIONS)));
        }
        return ImageDataset.create(name, pixels, labels, channels, height, width, names, null, null);
    }
}
