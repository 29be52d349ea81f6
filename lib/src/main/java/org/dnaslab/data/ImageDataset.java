package org.dnaslab.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A labelled set of images of one shape, stored as unsigned bytes (0..255, NCHW per sample) and normalised only
 * when copied out, as {@code (x/255 - mean[c]) / std[c]}. Immutable: subsets and limits are views that share the
 * pixel array, so carving a training set into splits costs no copies.
 */
public final class ImageDataset {
    private final String name;
    private final byte[] pixels;
    private final int[] labels;
    /** Sample i of this view is sample rows[i] of the arrays; null means the identity. */
    private final int[] rows;
    private final int channels;
    private final int height;
    private final int width;
    private final List<String> classNames;
    private final float[] mean;
    private final float[] std;
    /** Normalised value of each byte value per channel; 256 floats per channel, so copying is a table lookup. */
    private final float[][] table;

    private ImageDataset(String name, byte[] pixels, int[] labels, int[] rows, int channels, int height, int width,
                         List<String> classNames, float[] mean, float[] std) {
        this.name = name;
        this.pixels = pixels;
        this.labels = labels;
        this.rows = rows;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.classNames = classNames;
        this.mean = mean;
        this.std = std;
        this.table = new float[channels][256];
        for (int c = 0; c < channels; c++) {
            for (int v = 0; v < 256; v++) {
                table[c][v] = (v / 255f - mean[c]) / std[c];
            }
        }
    }

    /**
     * A dataset from raw bytes (copied). {@code classNames} may be null for "0".."k-1" with k one more than the
     * largest label; {@code mean} and {@code std} may be null to measure them from the pixels.
     *
     * @param pixels {@code labels.length * c * h * w} bytes, sample after sample, each channel-major (CHW)
     */
    public static ImageDataset of(String name, byte[] pixels, int[] labels, int c, int h, int w,
                                  List<String> classNames, float[] mean, float[] std) {
        return create(name, pixels.clone(), labels.clone(), c, h, w, classNames, mean, std);
    }

    /** As {@link #of} but takes ownership of the arrays (for readers that just allocated them). */
    static ImageDataset create(String name, byte[] pixels, int[] labels, int c, int h, int w,
                               List<String> classNames, float[] mean, float[] std) {
        Objects.requireNonNull(name, "name");
        if (c <= 0 || h <= 0 || w <= 0) {
            throw new IllegalArgumentException(name + ": image shape must be positive, got " + c + "x" + h + "x" + w);
        }
        long expected = (long) labels.length * c * h * w;
        if (pixels.length != expected) {
            throw new IllegalArgumentException(name + ": " + labels.length + " labels of " + c + "x" + h + "x" + w
                    + " images need " + expected + " pixel bytes, got " + pixels.length);
        }
        int maxLabel = -1;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException(name + ": label " + labels[i] + " of sample " + i + " is negative");
            }
            maxLabel = Math.max(maxLabel, labels[i]);
        }
        List<String> names;
        if (classNames == null) {
            names = new ArrayList<>();
            for (int k = 0; k <= maxLabel; k++) {
                names.add(Integer.toString(k));
            }
        } else {
            names = List.copyOf(classNames);
            if (maxLabel >= names.size()) {
                throw new IllegalArgumentException(name + ": label " + maxLabel + " is out of range for "
                        + names.size() + " classes " + names);
            }
        }
        float[][] stats = mean == null || std == null ? measure(pixels, labels.length, c, h * w) : null;
        float[] m = mean == null ? stats[0] : checkPerChannel(name, "mean", mean, c);
        float[] s = std == null ? stats[1] : checkPerChannel(name, "std", std, c);
        for (int k = 0; k < c; k++) {
            if (!(s[k] > 0)) {
                throw new IllegalArgumentException(name + ": std of channel " + k + " is " + s[k] + ", must be > 0");
            }
        }
        return new ImageDataset(name, pixels, labels, null, c, h, w, names, m, s);
    }

    private static float[] checkPerChannel(String name, String what, float[] values, int c) {
        if (values.length != c) {
            throw new IllegalArgumentException(name + ": " + what + " has " + values.length + " values for " + c
                    + " channels");
        }
        return values.clone();
    }

    /** Per-channel mean and (population) standard deviation of x/255 over the given samples. */
    private static float[][] measure(byte[] pixels, int n, int c, int plane) {
        float[] mean = new float[c];
        float[] std = new float[c];
        for (int k = 0; k < c; k++) {
            long sum = 0;
            long sumSq = 0;
            for (int i = 0; i < n; i++) {
                int off = (i * c + k) * plane;
                for (int p = 0; p < plane; p++) {
                    int v = pixels[off + p] & 0xff;
                    sum += v;
                    sumSq += (long) v * v;
                }
            }
            double count = (double) n * plane;
            double mu = count == 0 ? 0 : sum / count;
            double var = count == 0 ? 1 : sumSq / count - mu * mu;
            mean[k] = (float) (mu / 255);
            // A constant channel would divide by zero; leave it unscaled.
            std[k] = var > 0 ? (float) (Math.sqrt(var) / 255) : 1f;
        }
        return new float[][] {mean, std};
    }

    public String name() {
        return name;
    }

    public int size() {
        return rows == null ? labels.length : rows.length;
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Bytes (and floats) per sample: channels × height × width. */
    public int sampleLength() {
        return channels * height * width;
    }

    public int numClasses() {
        return classNames.size();
    }

    public List<String> classNames() {
        return classNames;
    }

    private int row(int i) {
        if (i < 0 || i >= size()) {
            throw new IndexOutOfBoundsException(name + ": sample " + i + " out of range 0.." + (size() - 1));
        }
        return rows == null ? i : rows[i];
    }

    public int label(int i) {
        return labels[row(i)];
    }

    /** Per-channel mean of x/255 used for normalisation. */
    public float[] mean() {
        return mean.clone();
    }

    /** Per-channel standard deviation of x/255 used for normalisation. */
    public float[] std() {
        return std.clone();
    }

    /** Number of samples of each class in this dataset. */
    public int[] classCounts() {
        int[] counts = new int[numClasses()];
        for (int i = 0; i < size(); i++) {
            counts[label(i)]++;
        }
        return counts;
    }

    /** Writes samples indices[from..to) as normalised floats in NCHW order into dst (length >= (to-from)*C*H*W). */
    public void copyNormalized(int[] indices, int from, int to, float[] dst) {
        int len = sampleLength();
        checkRange(indices, from, to, dst.length, len);
        int plane = height * width;
        int out = 0;
        for (int k = from; k < to; k++) {
            int off = row(indices[k]) * len;
            for (int c = 0; c < channels; c++) {
                float[] t = table[c];
                for (int p = 0; p < plane; p++) {
                    dst[out++] = t[pixels[off++] & 0xff];
                }
            }
        }
    }

    /** Writes the labels of samples indices[from..to) into dst[0..to-from). */
    public void copyLabels(int[] indices, int from, int to, int[] dst) {
        checkRange(indices, from, to, dst.length, 1);
        for (int k = from; k < to; k++) {
            dst[k - from] = label(indices[k]);
        }
    }

    private void checkRange(int[] indices, int from, int to, int dstLength, int perSample) {
        if (from < 0 || to > indices.length || from > to) {
            throw new IndexOutOfBoundsException(name + ": range [" + from + ", " + to + ") of " + indices.length
                    + " indices");
        }
        if ((long) (to - from) * perSample > dstLength) {
            throw new IllegalArgumentException(name + ": destination holds " + dstLength + " values, "
                    + (to - from) + " samples need " + (long) (to - from) * perSample);
        }
    }

    /** Copies the C*H*W raw bytes of one sample into dst. */
    public void copyRaw(int index, byte[] dst) {
        int len = sampleLength();
        System.arraycopy(pixels, row(index) * len, dst, 0, len);
    }

    /** A dataset of the given samples, in that order (a view: no pixels are copied). */
    public ImageDataset subset(int[] indices) {
        int[] r = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            r[i] = row(indices[i]);
        }
        return new ImageDataset(name, pixels, labels, r, channels, height, width, classNames, mean, std);
    }

    /** The first n samples; n >= size gives this dataset. */
    public ImageDataset limit(int n) {
        if (n < 0) {
            throw new IllegalArgumentException(name + ": limit must be >= 0, got " + n);
        }
        if (n >= size()) {
            return this;
        }
        int[] first = new int[n];
        Arrays.setAll(first, i -> i);
        return subset(first);
    }

    /** The same samples normalised with the given per-channel mean and std (e.g. a training set's, for its test set). */
    public ImageDataset withNormalization(float[] mean, float[] std) {
        float[] m = checkPerChannel(name, "mean", mean, channels);
        float[] s = checkPerChannel(name, "std", std, channels);
        for (int k = 0; k < channels; k++) {
            if (!(s[k] > 0)) {
                throw new IllegalArgumentException(name + ": std of channel " + k + " is " + s[k] + ", must be > 0");
            }
        }
        return new ImageDataset(name, pixels, labels, rows, channels, height, width, classNames, m, s);
    }

    /** The same samples normalised with the mean and std measured on these samples. */
    public ImageDataset withMeasuredNormalization() {
        int len = sampleLength();
        byte[] own = new byte[size() * len];
        for (int i = 0; i < size(); i++) {
            System.arraycopy(pixels, row(i) * len, own, i * len, len);
        }
        float[][] stats = measure(own, size(), channels, height * width);
        return withNormalization(stats[0], stats[1]);
    }

    @Override
    public String toString() {
        return name + ": " + size() + " images " + channels + "x" + height + "x" + width + ", " + numClasses()
                + " classes";
    }
}
