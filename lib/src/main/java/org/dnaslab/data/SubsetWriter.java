package org.dnaslab.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a class-balanced subset of an idx dataset as idx .gz files with the standard names; this made
 * {@code data/fashion-mnist-subset} (see data/README.md for the command). For each class, a seeded shuffle of its
 * samples picks the first size/classes; the chosen samples keep their original order.
 */
public final class SubsetWriter {
    public static final long DEFAULT_SEED = 20240527L;
    public static final int DEFAULT_TRAIN = 4000;
    public static final int DEFAULT_TEST = 1000;

    private SubsetWriter() {
    }

    /**
     * Usage: {@code SubsetWriter [--source DIR] [--out DIR] [--train N] [--test N] [--seed S]}; defaults are
     * Debian's Fashion-MNIST, data/fashion-mnist-subset, 4000, 1000 and {@value #DEFAULT_SEED}.
     */
    public static void main(String[] args) throws IOException {
        Path source = FashionMnist.DEBIAN_DIRECTORY;
        Path out = Path.of(FashionMnist.SUBSET);
        int train = DEFAULT_TRAIN;
        int test = DEFAULT_TEST;
        long seed = DEFAULT_SEED;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            if (value == null) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--source" -> source = Path.of(value);
                case "--out" -> out = Path.of(value);
                case "--train" -> train = Integer.parseInt(value);
                case "--test" -> test = Integer.parseInt(value);
                case "--seed" -> seed = Long.parseLong(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; usage: SubsetWriter [--source DIR] [--out DIR] [--train N] [--test N] [--seed S]");
            }
            i++;
        }
        write(source, out, train, test, seed);
        System.out.println("wrote " + train + " training and " + test + " test images from " + source + " to " + out
                + " (seed " + seed + ")");
    }

    /** Reads source, picks balanced subsets of the training and test sets, and writes them to out. */
    public static void write(Path source, Path out, int trainSize, int testSize, long seed) throws IOException {
        DataPair full = FashionMnist.load(source);
        SplittableRandom root = new SplittableRandom(seed);
        writeSet(full.train(), balanced(full.train(), trainSize, root.split()), out, "train");
        writeSet(full.test(), balanced(full.test(), testSize, root.split()), out, "t10k");
    }

    /** Indices of size samples, size/classes from each class, in ascending order. */
    public static int[] balanced(ImageDataset data, int size, SplittableRandom random) {
        int classes = data.numClasses();
        if (size % classes != 0) {
            throw new IllegalArgumentException("a balanced subset of " + classes + " classes needs a size divisible by "
                    + classes + ", got " + size);
        }
        List<List<Integer>> byClass = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < data.size(); i++) {
            byClass.get(data.label(i)).add(i);
        }
        int perClass = size / classes;
        int[] chosen = new int[size];
        int n = 0;
        for (int k = 0; k < classes; k++) {
            List<Integer> members = byClass.get(k);
            if (members.size() < perClass) {
                throw new IllegalArgumentException(data.name() + ": class " + k + " has " + members.size()
                        + " samples, fewer than the " + perClass + " asked for");
            }
            int[] order = SplitStrategies.permutation(members.size(), random);
            for (int j = 0; j < perClass; j++) {
                chosen[n++] = members.get(order[j]);
            }
        }
        Arrays.sort(chosen);
        return chosen;
    }

    private static void writeSet(ImageDataset data, int[] indices, Path out, String prefix) throws IOException {
        int len = data.sampleLength();
        byte[] pixels = new byte[indices.length * len];
        byte[] labels = new byte[indices.length];
        byte[] one = new byte[len];
        for (int i = 0; i < indices.length; i++) {
            data.copyRaw(indices[i], one);
            System.arraycopy(one, 0, pixels, i * len, len);
            labels[i] = (byte) data.label(indices[i]);
        }
        IdxWriter.writeImages(out.resolve(prefix + "-images-idx3-ubyte.gz"), pixels, indices.length, data.height(),
                data.width());
        IdxWriter.writeLabels(out.resolve(prefix + "-labels-idx1-ubyte.gz"), labels);
    }
}
