package org.dnaslab.store;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so that a reader (or a rerun after a crash) sees either the old content or the new one, never half:
 * write a sibling temporary file, flush it to disk, rename it over the target, then flush the directory so that the
 * rename itself survives a power loss. A write that fails (a full disk, say) removes its temporary file and leaves
 * the target as it was; the temporary file of a killed process stays behind as {@code .<name>.<digits>.tmp}, which
 * no reader of the target looks at.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Receives the stream to write the new content to. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code target} atomically (see the class comment). A pending thread interrupt does not stop the write:
     * the file channel would close on it and lose the save (an interrupt that lands in a training's last step
     * reached the epoch's checkpoint this way). The flag is put aside while writing and set again afterwards, so
     * the caller's next interrupt check still sees it.
     */
    public static void write(Path target, Writer writer) {
        boolean interrupted = Thread.interrupted();
        try {
            writeUninterrupted(target, writer);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void writeUninterrupted(Path target, Writer writer) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
                writer.write(out);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            syncDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + target + ": " + describe(e, dir), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: a stray temp file is harmless and named after its target
                }
            }
        }
    }

    /** Flushes a directory's entries (the rename) to disk; where directories cannot be opened, there is nothing to do. */
    private static void syncDirectory(Path dir) throws IOException {
        FileChannel ch;
        try {
            ch = FileChannel.open(dir, StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException e) {
            return; // not every platform opens directories (Windows); Linux does
        }
        try (ch) {
            ch.force(true);
        }
    }

    /** The error's message, saying plainly when the disk is full (the OS's text varies by locale and call). */
    private static String describe(IOException e, Path dir) {
        String message = String.valueOf(e.getMessage());
        boolean full = message.contains("No space left") || message.contains("Disk quota exceeded");
        if (!full) {
            try {
                full = Files.getFileStore(dir).getUsableSpace() == 0;
            } catch (IOException ignored) {
                // cannot tell: report the error as it is
            }
        }
        return full ? "the disk is full (no space left in " + dir + "): " + message : message;
    }

    public static void writeString(Path target, String text) {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }
}
