package org.dnaslab.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A directory of finished results, one JSON file per key: key {@code random/nb201/arch-3} is the file
 * {@code random/nb201/arch-3.json}. Each file is written atomically, so a killed process leaves either a whole
 * record or none, and a rerun that skips stored keys loses at most the work that was in flight.
 *
 * <p>A file holds {@code {"key", "type", "savedAt", "version", "value"}}: the value plus when and by which
 * library version it was made ({@link ProjectVersion}, the version run records carry too). Values are read back
 * strictly ({@link Json}): a field the type does not have, or lacks, is a {@link CorruptRecordException}.
 *
 * <p>A record that does not parse is an error ({@link CorruptRecordException}), never treated as missing:
 * recomputing it silently could hide a disk or a code problem. {@link #quarantine} renames it aside
 * ({@code *.json.corrupt-<time>}), after which the key counts as missing and a rerun computes it again.
 */
public final class ResultStore {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+=-]*");
    private static final String SUFFIX = ".json";

    private final Path root;

    private ResultStore(Path root) {
        this.root = root;
    }

    /** Opens (and creates if needed) the store in {@code directory}. */
    public static ResultStore open(Path directory) {
        Objects.requireNonNull(directory, "directory");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the result store " + directory + ": " + e.getMessage(), e);
        }
        return new ResultStore(directory.toAbsolutePath().normalize());
    }

    /** The store's directory, absolute. */
    public Path directory() {
        return root;
    }

    /** The file a key is stored in (whether or not it exists). */
    public Path file(String key) {
        checkKey(key);
        return root.resolve(key + SUFFIX);
    }

    /** Whether a record is stored under {@code key} (readable or not). */
    public boolean contains(String key) {
        return Files.isRegularFile(file(key));
    }

    /** Stores {@code value} under {@code key}, replacing any earlier record atomically. */
    public void save(String key, Object value) {
        Objects.requireNonNull(value, "value");
        ObjectNode envelope = Json.MAPPER.createObjectNode();
        envelope.put("key", key);
        envelope.put("type", value.getClass().getSimpleName());
        envelope.put("savedAt", Instant.now().toString());
        envelope.put("version", ProjectVersion.get());
        envelope.set("value", Json.MAPPER.valueToTree(value));
        AtomicFiles.writeString(file(key), Json.write(envelope) + "\n");
    }

    /** The record under {@code key}, if there is one; a record that cannot be read is an error. */
    public <T> Optional<T> find(String key, Class<T> type) {
        Path f = file(key);
        String text;
        try {
            text = Files.readString(f);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read record '" + key + "' from " + f + ": " + e.getMessage(), e);
        }
        JsonNode envelope;
        try {
            envelope = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new CorruptRecordException(key, f, "invalid JSON: " + Json.problem(e), e);
        }
        if (envelope == null || envelope.isMissingNode()) {
            throw new CorruptRecordException(key, f, "the file is empty", null);
        }
        if (!envelope.has("value")) {
            throw new CorruptRecordException(key, f, "no \"value\" field in the record", null);
        }
        try {
            return Optional.of(Json.MAPPER.treeToValue(envelope.get("value"), type));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String problem = e instanceof JsonProcessingException j ? Json.problem(j) : e.getMessage();
            throw new CorruptRecordException(key, f, "not a valid " + type.getSimpleName() + ": " + problem, e);
        }
    }

    /** The record under {@code key}; missing is an error naming the file. */
    public <T> T load(String key, Class<T> type) {
        return find(key, type).orElseThrow(() -> new NoSuchElementException("no record '" + key + "' in " + root
                + " (looked for " + file(key) + ")"));
    }

    /**
     * Keys equal to {@code prefix} or below it ({@code "random"} lists {@code random} and {@code random/arch-0},
     * not {@code randomized/x}); with a trailing slash ({@code "random/"}) only the keys below it; {@code ""} lists
     * everything. Sorted; unfinished temporary files and quarantined records are not listed.
     */
    public List<String> list(String prefix) {
        boolean below = prefix.endsWith("/");
        String p = below ? prefix.substring(0, prefix.length() - 1) : prefix;
        if (!p.isEmpty()) {
            checkKey(p);
        }
        Path start = p.isEmpty() ? root : root.resolve(p);
        Stream.Builder<String> keys = Stream.builder();
        if (!below && !p.isEmpty() && Files.isRegularFile(root.resolve(p + SUFFIX))) {
            keys.add(p);
        }
        if (Files.isDirectory(start)) {
            try (Stream<Path> files = Files.walk(start)) {
                files.filter(Files::isRegularFile)
                        .map(f -> root.relativize(f).toString().replace(java.io.File.separatorChar, '/'))
                        .filter(s -> s.endsWith(SUFFIX))
                        .map(s -> s.substring(0, s.length() - SUFFIX.length()))
                        .filter(ResultStore::isKey)
                        .forEach(keys::add);
            } catch (IOException e) {
                throw new UncheckedIOException("could not list " + start + ": " + e.getMessage(), e);
            }
        }
        return keys.build().distinct().sorted().toList();
    }

    /**
     * Sets a record aside by renaming its file to {@code <file>.corrupt-<UTC time>}, so that the key counts as
     * missing and the next run recomputes it. Returns where the file went.
     */
    public Path quarantine(String key) {
        Path f = file(key);
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS").withZone(ZoneOffset.UTC).format(Instant.now());
        Path aside = f.resolveSibling(f.getFileName() + ".corrupt-" + stamp);
        try {
            return Files.move(f, aside);
        } catch (NoSuchFileException e) {
            throw new NoSuchElementException("no record '" + key + "' to quarantine in " + root);
        } catch (IOException e) {
            throw new UncheckedIOException("could not move " + f + " aside: " + e.getMessage(), e);
        }
    }

    /** Deletes a record; returns whether there was one. */
    public boolean remove(String key) {
        try {
            return Files.deleteIfExists(file(key));
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + file(key) + ": " + e.getMessage(), e);
        }
    }

    private static boolean isKey(String key) {
        for (String s : key.split("/", -1)) {
            if (!SEGMENT.matcher(s).matches()) {
                return false;
            }
        }
        return true;
    }

    private static void checkKey(String key) {
        if (key == null || !isKey(key)) {
            throw new IllegalArgumentException("bad result key '" + key + "': use '/'-separated parts of letters, "
                    + "digits and . _ + = -, each starting with a letter or digit (e.g. random/arch-3/seed-0)");
        }
    }

    @Override
    public String toString() {
        return "ResultStore " + root;
    }
}
