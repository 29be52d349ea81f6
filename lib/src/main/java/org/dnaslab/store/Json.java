package org.dnaslab.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The project's JSON settings (one shared mapper) and file helpers with errors that name the file. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .configure(com.fasterxml.jackson.core.JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS, true);

    private Json() {
    }

    public static void write(Path file, Object value) {
        AtomicFiles.write(file, out -> MAPPER.writeValue(new NonClosing(out), value));
    }

    public static <T> T read(Path file, Class<T> type) {
        try {
            return MAPPER.readValue(Files.readAllBytes(file), type);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("missing file " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " as " + type.getSimpleName() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Jackson closes the stream it writes to; the atomic writer must flush and sync it first. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(java.io.OutputStream out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
