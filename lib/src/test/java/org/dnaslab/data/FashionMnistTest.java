package org.dnaslab.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class FashionMnistTest {
    @TempDir
    Path tmp;

    static Path committedSubset() {
        Path here = Path.of("").toAbsolutePath();
        Path repo = FashionMnist.findRepository(here);
        assertNotNull(repo, "no repository (a directory with lab and data/) at or above " + here);
        Path subset = repo.resolve(FashionMnist.SUBSET);
        assertTrue(Files.isDirectory(subset), "the committed subset " + subset + " is missing");
        return subset;
    }

    private static long crc(ImageDataset d) {
        CRC32 crc = new CRC32();
        byte[] one = new byte[d.sampleLength()];
        for (int i = 0; i < d.size(); i++) {
            d.copyRaw(i, one);
            crc.update(one);
        }
        return crc.getValue();
    }

    @Test
    void committedSubsetHasBalancedClassesAndKnownPixels() {
        DataPair p = FashionMnist.load(committedSubset());
        ImageDataset train = p.train();
        assertEquals(4000, train.size());
        assertEquals(1000, p.test().size());
        assertEquals("fashion-mnist-subset/train", train.name());
        assertEquals(1, train.channels());
        assertEquals(28, train.height());
        assertEquals(28, train.width());
        assertEquals(FashionMnist.FASHION_CLASSES, train.classNames());
        int[] counts = train.classCounts();
        int[] tenFour = new int[10];
        java.util.Arrays.fill(tenFour, 400);
        assertArrayEquals(tenFour, counts);
        for (int c : p.test().classCounts()) {
            assertEquals(100, c);
        }
        // Checksums computed independently with Python's gzip and zlib.crc32 when the subset was made.
        assertEquals(3767341600L, crc(train));
        assertEquals(2469590842L, crc(p.test()));
        assertArrayEquals(new float[] {0.2860f}, train.mean());
        assertArrayEquals(new float[] {0.3530f}, p.test().std());
    }

    @Test
    void subsetWriterReproducesTheCommittedSubset() throws IOException {
        assumeTrue(Files.isDirectory(FashionMnist.DEBIAN_DIRECTORY), "Debian's dataset-fashion-mnist is installed");
        SubsetWriter.write(FashionMnist.DEBIAN_DIRECTORY, tmp, SubsetWriter.DEFAULT_TRAIN, SubsetWriter.DEFAULT_TEST,
                SubsetWriter.DEFAULT_SEED);
        DataPair made = FashionMnist.load(tmp);
        DataPair committed = FashionMnist.load(committedSubset());
        assertEquals(crc(committed.train()), crc(made.train()));
        assertEquals(crc(committed.test()), crc(made.test()));
        for (int i = 0; i < made.train().size(); i++) {
            assertEquals(committed.train().label(i), made.train().label(i));
        }
    }

    @Test
    void balancedSubsetTakesTheSameCountFromEachClass() {
        ImageDataset d = SyntheticData.gratings("g", 400, 4, 1, 6, 6, new SplittableRandom(1));
        int[] idx = SubsetWriter.balanced(d, 40, new SplittableRandom(2));
        assertArrayEquals(new int[] {10, 10, 10, 10}, d.subset(idx).classCounts());
        assertArrayEquals(idx, SubsetWriter.balanced(d, 40, new SplittableRandom(2)));
        String m = assertThrows(IllegalArgumentException.class,
                () -> SubsetWriter.balanced(d, 42, new SplittableRandom(2))).getMessage();
        assertTrue(m.contains("divisible by 4"), m);
    }

    /** Writes an idx directory of n tiny 2x2 images with labels 0..n-1 mod 10. */
    private static Path writeSet(Path dir, int trainImages, int trainLabels) throws IOException {
        IdxWriter.writeImages(dir.resolve("train-images-idx3-ubyte.gz"), new byte[trainImages * 4], trainImages, 2, 2);
        IdxWriter.writeLabels(dir.resolve("train-labels-idx1-ubyte"), new byte[trainLabels]);
        IdxWriter.writeImages(dir.resolve("t10k-images.idx3-ubyte"), new byte[8], 2, 2, 2);
        IdxWriter.writeLabels(dir.resolve("t10k-labels-idx1-ubyte.gz"), new byte[] {1, 0});
        return dir;
    }

    @Test
    void anyIdxDirectoryLoadsWithMeasuredStatisticsAndNumericClasses() throws IOException {
        Path dir = writeSet(tmp.resolve("letters"), 3, 3);
        DataPair p = FashionMnist.load(dir);
        assertEquals(3, p.train().size());
        assertEquals(java.util.List.of("0", "1"), p.test().classNames());
        assertEquals("letters/test", p.test().name());
        assertEquals(0f, p.train().mean()[0]);
    }

    @Test
    void imagesAndLabelsOfDifferentCountsAreAMismatchNamingBothFiles() throws IOException {
        Path dir = writeSet(tmp.resolve("fashion-mnist"), 5, 4);
        String m = assertThrows(IllegalArgumentException.class, () -> FashionMnist.load(dir)).getMessage();
        assertTrue(m.contains("count mismatch"), m);
        assertTrue(m.contains(dir.resolve("train-images-idx3-ubyte.gz") + " holds 5 images"), m);
        assertTrue(m.contains(dir.resolve("train-labels-idx1-ubyte") + " holds 4 labels"), m);
    }

    @Test
    void labelBeyondTheClassesIsNamedWithItsFile() throws IOException {
        Path dir = writeSet(tmp.resolve("mnist"), 2, 2);
        IdxWriter.writeLabels(dir.resolve("train-labels-idx1-ubyte"), new byte[] {3, 12});
        String m = assertThrows(IllegalArgumentException.class, () -> FashionMnist.load(dir)).getMessage();
        assertTrue(m.contains("train-labels-idx1-ubyte: label 12 of item 1 is out of range for 10 classes"), m);
    }

    @Test
    void missingFileListsTheNamesTried() throws IOException {
        Path dir = writeSet(tmp.resolve("fashion"), 2, 2);
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));
        String m = assertThrows(UncheckedIOException.class, () -> FashionMnist.load(dir)).getMessage();
        assertTrue(m.contains("missing file: no t10k labels in " + dir), m);
        assertTrue(m.contains("t10k-labels-idx1-ubyte.gz, t10k-labels-idx1-ubyte, t10k-labels.idx1-ubyte.gz"), m);
    }

    @Test
    void corruptFileIsNamedThroughLoad() throws IOException {
        Path dir = writeSet(tmp.resolve("fashion"), 2, 2);
        Files.write(dir.resolve("train-labels-idx1-ubyte"), new byte[] {0, 0, 8, 1, 0, 0, 0, 2, 7});
        String m = assertThrows(UncheckedIOException.class, () -> FashionMnist.load(dir)).getMessage();
        assertTrue(m.contains(dir.resolve("train-labels-idx1-ubyte") + ": truncated at byte 9"), m);
    }

    @Test
    void propertyWinsOverEnvironmentAndDebian() throws IOException {
        Path mine = Files.createDirectories(tmp.resolve("mine"));
        Path env = Files.createDirectories(tmp.resolve("env"));
        Path found = FashionMnist.defaultDirectory(Map.of("dnaslab.data", mine.toString())::get,
                Map.of("DNASLAB_DATA", env.toString())::get, FashionMnist.DEBIAN_DIRECTORY, tmp);
        assertEquals(mine, found);
        assertEquals(env, FashionMnist.defaultDirectory(k -> null, Map.of("DNASLAB_DATA", env.toString())::get,
                FashionMnist.DEBIAN_DIRECTORY, tmp));
    }

    @Test
    void settingThatNamesAMissingDirectoryIsAnError() {
        String m = assertThrows(UncheckedIOException.class, () -> FashionMnist.defaultDirectory(k -> null,
                Map.of("DNASLAB_DATA", "/no/such/dir")::get, FashionMnist.DEBIAN_DIRECTORY, tmp)).getMessage();
        assertTrue(m.contains("set by $DNASLAB_DATA does not exist: /no/such/dir"), m);
    }

    @Test
    void withoutDebianTheRepositorySubsetIsUsed() throws IOException {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo.resolve("data/fashion-mnist-subset"));
        Files.createFile(repo.resolve("lab"));
        Path deep = Files.createDirectories(repo.resolve("notebooks/sub"));
        Path noDebian = tmp.resolve("no-debian");
        assertEquals(repo.resolve("data/fashion-mnist-subset"),
                FashionMnist.defaultDirectory(k -> null, k -> null, noDebian, deep));
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        assertEquals(repo.resolve("data/fashion-mnist-subset"), FashionMnist.defaultDirectory(k -> null,
                Map.of("DNASLAB_HOME", repo.toString())::get, noDebian, elsewhere));
    }

    @Test
    void nothingFoundListsEveryPlaceTried() throws IOException {
        Path noDebian = tmp.resolve("no-debian");
        Path nowhere = Files.createDirectories(tmp.resolve("nowhere"));
        String m = assertThrows(UncheckedIOException.class,
                () -> FashionMnist.defaultDirectory(k -> null, k -> null, noDebian, nowhere)).getMessage();
        assertTrue(m.contains(noDebian + " (Debian package dataset-fashion-mnist)"), m);
        assertTrue(m.contains("a repository holding 'lab' and 'data/' at or above " + nowhere), m);
        m = assertThrows(UncheckedIOException.class, () -> FashionMnist.defaultDirectory(
                Map.of("dnaslab.home", "/no/repo")::get, k -> null, noDebian, nowhere)).getMessage();
        assertTrue(m.contains("/no/repo/data/fashion-mnist-subset (from -Ddnaslab.home)"), m);
    }

    @Test
    void defaultDirectoryExistsOnThisMachine() {
        Path dir = FashionMnist.defaultDirectory();
        assertTrue(Files.isDirectory(dir), dir.toString());
    }
}
