package org.dnaslab.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CIFAR-10 from its binary version: {@code data_batch_1.bin} .. {@code data_batch_5.bin} and {@code test_batch.bin},
 * each a sequence of 3073-byte records (a label byte, then 32×32 red, green and blue planes). Nothing is
 * downloaded: the user points at the directory (or at its parent holding {@code cifar-10-batches-bin}).
 */
public final class Cifar10 {
    public static final int RECORD_BYTES = 1 + 3 * 32 * 32;
    public static final List<String> CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
            "horse", "ship", "truck");
    // Per-channel statistics of x/255 on the training set, as DARTS normalises.
    private static final float[] MEAN = {0.4914f, 0.4822f, 0.4465f};
    private static final float[] STD = {0.2470f, 0.2435f, 0.2616f};

    private Cifar10() {
    }

    /**
     * Loads training and test sets.
     *
     * @throws UncheckedIOException naming the file that is missing, empty or not a whole number of records
     * @throws IllegalArgumentException naming the file and record with a label outside 0..9
     */
    public static DataPair load(Path dir) {
        Path batches = Files.isDirectory(dir.resolve("cifar-10-batches-bin")) ? dir.resolve("cifar-10-batches-bin") : dir;
        List<Path> trainFiles = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            trainFiles.add(batches.resolve("data_batch_" + i + ".bin"));
        }
        ImageDataset train = read("cifar10/train", trainFiles);
        ImageDataset test = read("cifar10/test", List.of(batches.resolve("test_batch.bin")));
        return new DataPair(train, test);
    }

    private static ImageDataset read(String name, List<Path> files) {
        List<byte[]> contents = new ArrayList<>();
        long records = 0;
        for (Path f : files) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(f);
            } catch (NoSuchFileException e) {
                throw new UncheckedIOException("missing CIFAR-10 file " + f + " (expected " + files.size()
                        + " files: " + files.stream().map(p -> p.getFileName().toString()).toList() + ")", e);
            } catch (IOException e) {
                throw new UncheckedIOException(f + ": cannot read (" + e.getMessage() + ")", e);
            }
            if (bytes.length == 0 || bytes.length % RECORD_BYTES != 0) {
                int whole = bytes.length / RECORD_BYTES;
                throw new UncheckedIOException(f + ": " + bytes.length + " bytes is not a whole number of "
                        + RECORD_BYTES + "-byte records (truncated at byte " + bytes.length + ", in record " + whole
                        + ")", new IOException("bad length"));
            }
            contents.add(bytes);
            records += bytes.length / RECORD_BYTES;
        }
        int n = Math.toIntExact(records);
        int plane = RECORD_BYTES - 1;
        byte[] pixels = new byte[n * plane];
        int[] labels = new int[n];
        int i = 0;
        for (int f = 0; f < contents.size(); f++) {
            byte[] bytes = contents.get(f);
            for (int r = 0; r < bytes.length / RECORD_BYTES; r++, i++) {
                int label = bytes[r * RECORD_BYTES] & 0xff;
                if (label >= CLASSES.size()) {
                    throw new IllegalArgumentException(files.get(f) + ": record " + r + " (byte " + r * RECORD_BYTES
                            + ") has label " + label + ", expected 0..9");
                }
                labels[i] = label;
                System.arraycopy(bytes, r * RECORD_BYTES + 1, pixels, i * plane, plane);
            }
        }
        return ImageDataset.create(name, pixels, labels, 3, 32, 32, CLASSES, MEAN, STD);
    }
}
