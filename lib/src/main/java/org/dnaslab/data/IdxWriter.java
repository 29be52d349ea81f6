package org.dnaslab.data;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes idx files of unsigned bytes, gzip-compressed when the file name ends in {@code .gz}. */
public final class IdxWriter {
    private IdxWriter() {
    }

    /** Writes count images of rows × cols bytes as an idx3 file. */
    public static void writeImages(Path file, byte[] pixels, int count, int rows, int cols) throws IOException {
        write(file, new int[] {count, rows, cols}, pixels);
    }

    /** Writes labels as an idx1 file. */
    public static void writeLabels(Path file, byte[] labels) throws IOException {
        write(file, new int[] {labels.length}, labels);
    }

    /** Writes an idx file with the given dimensions; data must hold their product of bytes. */
    public static void write(Path file, int[] dims, byte[] data) throws IOException {
        long total = 1;
        for (int d : dims) {
            total *= d;
        }
        if (total != data.length) {
            throw new IllegalArgumentException(file + ": dimensions promise " + total + " bytes, got " + data.length);
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        // Java's gzip header carries no timestamp, so the same content gives the same file.
        try (OutputStream raw = Files.newOutputStream(file);
             OutputStream maybeGz = file.getFileName().toString().endsWith(".gz")
                     ? new GZIPOutputStream(raw, 1 << 16) : raw;
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(maybeGz, 1 << 16))) {
            out.writeInt(0x00000800 | dims.length);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data);
        }
    }
}
