package org.dnaslab.store;

import java.nio.file.Path;

/** A stored record that cannot be read back: the message names the file and what is wrong with its JSON. */
public final class CorruptRecordException extends RuntimeException {
    private final String key;
    private final transient Path file;

    CorruptRecordException(String key, Path file, String problem, Throwable cause) {
        super("record '" + key + "' in " + file + " is unreadable: " + problem
                + ". It is not recomputed silently; inspect it, then call ResultStore.quarantine(\"" + key
                + "\") to set it aside and let a rerun compute it again", cause);
        this.key = key;
        this.file = file;
    }

    /** The key of the unreadable record, for {@link ResultStore#quarantine}. */
    public String key() {
        return key;
    }

    /** The file that does not parse. */
    public Path file() {
        return file;
    }
}
