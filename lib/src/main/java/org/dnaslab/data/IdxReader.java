package org.dnaslab.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads idx files of unsigned bytes (LeCun's MNIST format: idx3 images, idx1 labels), raw or gzip-compressed
 * (recognised by content, not by name). Every error names the file and says what is wrong with it.
 */
public final class IdxReader {
    private static final int UNSIGNED_BYTE = 0x08;

    private IdxReader() {
    }

    /** Reads an idx3 file of images: dims [count, rows, cols]. */
    public static IdxArray readImages(Path file) throws IOException {
        return read(file, 3);
    }

    /** Reads an idx1 file of labels: dims [count]. */
    public static IdxArray readLabels(Path file) throws IOException {
        return read(file, 1);
    }

    /** Reads an idx file of unsigned bytes with any number of dimensions. */
    public static IdxArray read(Path file) throws IOException {
        return read(file, -1);
    }

    private static IdxArray read(Path file, int expectedDims) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "missing idx file");
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            try (InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw) {
                return parse(file, in, expectedDims, gzip);
            } catch (ZipException | EOFException e) {
                throw new IOException(file + ": corrupt or truncated gzip data (" + e.getMessage() + ")", e);
            }
        }
    }

    private static IdxArray parse(Path file, InputStream in, int expectedDims, boolean gzip) throws IOException {
        String bytes = gzip ? " of the decompressed data" : "";
        byte[] magic = in.readNBytes(4);
        if (magic.length < 4) {
            throw new IOException(file + ": truncated at byte " + magic.length + bytes
                    + ": an idx file starts with a 4-byte magic number");
        }
        int dims = magic[3] & 0xff;
        String magicHex = String.format("0x%02x%02x%02x%02x", magic[0], magic[1], magic[2], magic[3]);
        String expected = expectedDims < 0 ? "0x000008NN (unsigned bytes, NN dimensions)"
                : String.format("0x000008%02x (idx%d, unsigned bytes)", expectedDims, expectedDims);
        if (magic[0] != 0 || magic[1] != 0 || (magic[2] & 0xff) != UNSIGNED_BYTE || dims == 0
                || (expectedDims >= 0 && dims != expectedDims)) {
            throw new IOException(file + ": bad magic " + magicHex + ", expected " + expected);
        }
        byte[] header = in.readNBytes(4 * dims);
        if (header.length < 4 * dims) {
            throw new IOException(file + ": truncated at byte " + (4 + header.length) + bytes + ": the header of "
                    + dims + " dimensions needs " + (4 + 4 * dims) + " bytes");
        }
        int[] shape = new int[dims];
        long total = 1;
        for (int d = 0; d < dims; d++) {
            shape[d] = ((header[4 * d] & 0xff) << 24) | ((header[4 * d + 1] & 0xff) << 16)
                    | ((header[4 * d + 2] & 0xff) << 8) | (header[4 * d + 3] & 0xff);
            if (shape[d] < 0) {
                throw new IOException(file + ": dimension " + d + " is " + shape[d] + " (negative)");
            }
            total *= shape[d];
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new IOException(file + ": the header promises " + total + " bytes, too many for one array");
        }
        int headerLength = 4 + 4 * dims;
        byte[] data = in.readNBytes((int) total);
        if (data.length < total) {
            throw new IOException(file + ": truncated at byte " + (headerLength + data.length) + bytes
                    + ": the header promises " + shapeText(shape) + " = " + total + " data bytes after the "
                    + headerLength + "-byte header, so " + (headerLength + total) + " bytes");
        }
        long extra = 0;
        while (in.read() >= 0) {
            extra++;
        }
        if (extra > 0) {
            throw new IOException(file + ": " + extra + " unexpected bytes after the " + (headerLength + total)
                    + " bytes" + bytes + " that the header describes (" + shapeText(shape) + ")");
        }
        return new IdxArray(shape, data);
    }

    private static String shapeText(int[] shape) {
        StringBuilder sb = new StringBuilder();
        for (int d = 0; d < shape.length; d++) {
            sb.append(d == 0 ? "" : "x").append(shape[d]);
        }
        return sb.toString();
    }
}
