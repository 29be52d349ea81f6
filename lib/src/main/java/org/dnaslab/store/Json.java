package org.dnaslab.store;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The project's one JSON helper: how every file and text it writes is laid out, and how it is read back.
 *
 * <p><b>Strict</b> ({@link #read(Path, Class)}, {@link #read(String, Class)}, {@link #tree}, {@link #MAPPER}): an
 * unknown field, a missing field, a null for a number and a key given twice are errors, and the message names the
 * file (or text) and the field ({@code config.epochs}). Everything the project writes and reads again is read so:
 * run records, result records, findings, protocols, checkpoint headers. A resumed search must not quietly run with
 * a setting that became 0 because its field was missing.
 *
 * <p><b>Lenient</b> ({@link #readLenient}, {@link #treeLenient}): unknown fields are skipped, missing ones are null
 * or 0, and {@code NaN}/{@code Infinity} may be bare tokens. Only for JSON other programs write: the output of
 * {@code bench/reference.py}, whose Python {@code json} module writes bare {@code NaN} and whose fields the reader
 * picks by name. A caller asks for it by name, so a lenient read is never an accident.
 *
 * <p>Writing is the same in both: indented, fields in declaration order, non-finite numbers as the strings
 * {@code "NaN"}/{@code "Infinity"} (which both modes read back). Files are written atomically ({@link AtomicFiles}).
 */
public final class Json {
    /** The strict mapper; also for tree work ({@code readTree}, {@code valueToTree}) on the project's own files. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private static final ObjectMapper LENIENT = MAPPER.copy()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS);

    private Json() {
    }

    /** Writes {@code value} to {@code file} atomically: a reader sees the old file or the whole new one. */
    public static void write(Path file, Object value) {
        AtomicFiles.write(file, out -> MAPPER.writeValue(new NonClosing(out), value));
    }

    /** The JSON text of {@code value}, indented; the same bytes for equal values (fingerprints rely on it). */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("could not write " + value.getClass().getSimpleName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads {@code file} as a {@code type}, strictly.
     *
     * @throws UncheckedIOException naming the file, and the field where one is wrong
     */
    public static <T> T read(Path file, Class<T> type) {
        return readFile(MAPPER, file, type);
    }

    /** Reads {@code file} as a {@code type}, leniently: for files other programs write (see the class comment). */
    public static <T> T readLenient(Path file, Class<T> type) {
        return readFile(LENIENT, file, type);
    }

    /**
     * Reads JSON text as a {@code type}, strictly.
     *
     * @throws IllegalArgumentException naming the type, the field and the line where the text is wrong
     */
    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a valid " + type.getSimpleName() + " in JSON: " + problem(e), e);
        }
    }

    /** The tree of JSON text, strictly parsed (a key given twice is an error); {@code source} names it in errors. */
    public static JsonNode tree(String json, String source) {
        return parseTree(MAPPER, json, source);
    }

    /** The tree of JSON text another program wrote (bare {@code NaN} allowed); {@code source} names it in errors. */
    public static JsonNode treeLenient(String json, String source) {
        return parseTree(LENIENT, json, source);
    }

    /**
     * What is wrong, for a message: Jackson's own words, the field's path ({@code config.epochs[2].trainLoss}) where
     * the problem is inside a value, and the line and column where Jackson knows them.
     */
    public static String problem(JsonProcessingException e) {
        StringBuilder s = new StringBuilder(e.getOriginalMessage());
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            s.append(" (field '").append(path(m)).append("')");
        }
        var loc = e.getLocation();
        if (loc != null && loc.getLineNr() >= 0) {
            s.append(" at line ").append(loc.getLineNr()).append(", column ").append(loc.getColumnNr());
        }
        return s.toString();
    }

    private static String path(JsonMappingException e) {
        StringBuilder s = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                s.append(s.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                s.append('[').append(r.getIndex()).append(']');
            }
        }
        return s.toString();
    }

    private static <T> T readFile(ObjectMapper mapper, Path file, Class<T> type) {
        try {
            return mapper.readValue(Files.readAllBytes(file), type);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("missing file " + file, e);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot read " + file + " as " + type.getSimpleName() + ": " + problem(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode parseTree(ObjectMapper mapper, String json, String source) {
        try {
            JsonNode tree = mapper.readTree(json);
            if (tree == null || tree.isMissingNode()) {
                throw new IllegalArgumentException(source + ": no JSON in it (empty)");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not valid JSON: " + problem(e), e);
        }
    }

    /** Jackson closes the stream it writes to; the atomic writer must flush and sync it first. */
    private static final class NonClosing extends FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
