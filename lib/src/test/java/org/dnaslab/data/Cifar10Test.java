package org.dnaslab.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Cifar10Test {
    @TempDir
    Path dir;

    /** A record whose label is given and whose red, green, blue planes are filled with r, g, b. */
    private static byte[] record(int label, int r, int g, int b) {
        byte[] rec = new byte[Cifar10.RECORD_BYTES];
        rec[0] = (byte) label;
        java.util.Arrays.fill(rec, 1, 1025, (byte) r);
        java.util.Arrays.fill(rec, 1025, 2049, (byte) g);
        java.util.Arrays.fill(rec, 2049, 3073, (byte) b);
        return rec;
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Batch i holds two records with labels i and 9-i; the test batch one record of label 7. */
    private Path writeBatches(Path where) throws IOException {
        Path batches = Files.createDirectories(where.resolve("cifar-10-batches-bin"));
        for (int i = 1; i <= 5; i++) {
            Files.write(batches.resolve("data_batch_" + i + ".bin"),
                    concat(record(i, 10 * i, 100, 200), record(9 - i, 0, 0, 255)));
        }
        Files.write(batches.resolve("test_batch.bin"), record(7, 1, 2, 3));
        return batches;
    }

    @Test
    void readsLabelsAndPlanesFromEveryBatchInOrder() throws IOException {
        writeBatches(dir);
        DataPair p = Cifar10.load(dir);
        ImageDataset train = p.train();
        assertEquals(10, train.size());
        assertEquals(3, train.channels());
        assertEquals(32, train.height());
        assertEquals(1, train.label(0));
        assertEquals(8, train.label(1));
        assertEquals(5, train.label(8));
        byte[] raw = new byte[3 * 32 * 32];
        train.copyRaw(2, raw);
        assertEquals(20, raw[0]);
        assertEquals(20, raw[1023]);
        assertEquals(100, raw[1024]);
        assertEquals((byte) 200, raw[2048]);
        assertEquals(1, p.test().size());
        assertEquals(7, p.test().label(0));
        assertEquals("horse", p.test().classNames().get(7));
        assertArrayEquals(new float[] {0.4914f, 0.4822f, 0.4465f}, p.test().mean());
    }

    @Test
    void batchDirectoryItselfWorksToo() throws IOException {
        assertEquals(10, Cifar10.load(writeBatches(dir)).train().size());
    }

    @Test
    void truncatedBatchIsNamedWithItsLength() throws IOException {
        Path b = writeBatches(dir);
        Path file = b.resolve("data_batch_3.bin");
        Files.write(file, java.util.Arrays.copyOf(Files.readAllBytes(file), 3073 + 100));
        String m = assertThrows(UncheckedIOException.class, () -> Cifar10.load(dir)).getMessage();
        assertTrue(m.contains(file + ": 3173 bytes is not a whole number of 3073-byte records"), m);
        assertTrue(m.contains("in record 1"), m);
    }

    @Test
    void labelOutsideTheTenClassesIsNamedWithFileAndRecord() throws IOException {
        Path b = writeBatches(dir);
        Files.write(b.resolve("test_batch.bin"), concat(record(1, 0, 0, 0), record(10, 0, 0, 0)));
        String m = assertThrows(IllegalArgumentException.class, () -> Cifar10.load(dir)).getMessage();
        assertTrue(m.contains("test_batch.bin: record 1 (byte 3073) has label 10"), m);
    }

    @Test
    void missingBatchIsNamed() throws IOException {
        Path b = writeBatches(dir);
        Files.delete(b.resolve("data_batch_5.bin"));
        String m = assertThrows(UncheckedIOException.class, () -> Cifar10.load(dir)).getMessage();
        assertTrue(m.contains("missing CIFAR-10 file " + b.resolve("data_batch_5.bin")), m);
    }
}
