package org.dnaslab.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdxReaderTest {
    @TempDir
    Path dir;

    private static byte[] ramp(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7);
        }
        return b;
    }

    private String error(Path file) {
        IOException e = assertThrows(IOException.class, () -> IdxReader.read(file));
        assertTrue(e.getMessage().contains(file.toString()), "message names the file: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void readsWhatTheWriterWroteRawAndGzipped() throws IOException {
        byte[] pixels = ramp(3 * 4 * 5);
        for (String name : new String[] {"images-idx3-ubyte", "images-idx3-ubyte.gz"}) {
            Path f = dir.resolve(name);
            IdxWriter.writeImages(f, pixels, 3, 4, 5);
            IdxArray a = IdxReader.readImages(f);
            assertArrayEquals(new int[] {3, 4, 5}, a.dims());
            assertArrayEquals(pixels, a.data());
            assertEquals(3, a.count());
        }
        assertEquals(16 + 60, Files.size(dir.resolve("images-idx3-ubyte")));
    }

    @Test
    void gzipIsRecognisedByContentNotName() throws IOException {
        Path gz = dir.resolve("labels.gz");
        IdxWriter.writeLabels(gz, ramp(10));
        Path plainName = dir.resolve("labels-idx1-ubyte");
        Files.copy(gz, plainName);
        assertArrayEquals(ramp(10), IdxReader.readLabels(plainName).data());
    }

    @Test
    void missingFileIsNamed() {
        Path f = dir.resolve("nowhere-idx1-ubyte.gz");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> IdxReader.readLabels(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("missing idx file"), e.getMessage());
    }

    @Test
    void badMagicIsReportedWithTheMagicFound() throws IOException {
        Path f = dir.resolve("bad");
        Files.write(f, new byte[] {0x50, 0x4b, 3, 4, 0, 0, 0, 0});
        String m = error(f);
        assertTrue(m.contains("bad magic 0x504b0304"), m);
    }

    @Test
    void labelsWhereImagesWereExpectedIsABadMagic() throws IOException {
        Path f = dir.resolve("labels");
        IdxWriter.writeLabels(f, ramp(4));
        IOException e = assertThrows(IOException.class, () -> IdxReader.readImages(f));
        assertTrue(e.getMessage().contains("bad magic 0x00000801, expected 0x00000803 (idx3, unsigned bytes)"),
                e.getMessage());
    }

    @Test
    void truncatedDataGivesTheByteWhereItEnds() throws IOException {
        Path whole = dir.resolve("whole");
        IdxWriter.writeImages(whole, ramp(2 * 3 * 3), 2, 3, 3);
        Path cut = dir.resolve("cut");
        Files.write(cut, Arrays.copyOf(Files.readAllBytes(whole), 16 + 10));
        String m = error(cut);
        assertTrue(m.contains("truncated at byte 26"), m);
        assertTrue(m.contains("2x3x3 = 18 data bytes"), m);
    }

    @Test
    void truncatedGzipIsReportedAsSuch() throws IOException {
        Path whole = dir.resolve("whole.gz");
        IdxWriter.writeImages(whole, ramp(50 * 28 * 28), 50, 28, 28);
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = dir.resolve("cut.gz");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        assertTrue(error(cut).contains("corrupt or truncated gzip data"));
    }

    @Test
    void truncatedHeaderAndTrailingBytesAreReported() throws IOException {
        Path header = dir.resolve("header");
        Files.write(header, new byte[] {0, 0, 8, 3, 0, 0, 0, 1, 0, 0});
        String m = error(header);
        assertTrue(m.contains("truncated at byte 10") && m.contains("needs 16 bytes"), m);

        Path longer = dir.resolve("longer");
        IdxWriter.writeLabels(longer, ramp(3));
        Files.write(longer, new byte[] {1, 2}, java.nio.file.StandardOpenOption.APPEND);
        m = error(longer);
        assertTrue(m.contains("2 unexpected bytes after the 11 bytes"), m);
    }
}
