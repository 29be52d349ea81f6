package org.dnaslab.kernel.session;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** The magics a session knows, by name. Implementations live in {@code org.dnaslab.kernel.magic}. */
public final class Magics {

    /**
     * {@code %name args}: runs in place of one line of a cell and gets the rest of the line as typed
     * ({@link CellSource#splitArgs} splits it shell-style). A non-null result is shown if it ends the cell.
     */
    @FunctionalInterface
    public interface LineMagic {
        Object run(Session session, String argLine) throws Exception;
    }

    /** {@code %%name args} on a cell's first line: runs in place of the whole cell, with the rest as its body. */
    @FunctionalInterface
    public interface CellMagic {
        Object run(Session session, String argLine, String body) throws Exception;
    }

    private final Map<String, LineMagic> line = new ConcurrentHashMap<>();
    private final Map<String, CellMagic> cell = new ConcurrentHashMap<>();
    private final Map<String, String> help = new ConcurrentHashMap<>();

    public Magics line(String name, String usage, LineMagic magic) {
        line.put(name, magic);
        help.put("%" + name, usage);
        return this;
    }

    public Magics cell(String name, String usage, CellMagic magic) {
        cell.put(name, magic);
        help.put("%%" + name, usage);
        return this;
    }

    LineMagic line(String name) {
        LineMagic m = line.get(name);
        if (m == null) {
            throw new IllegalArgumentException("unknown line magic %" + name + "; known: " + new TreeMap<>(help).keySet());
        }
        return m;
    }

    CellMagic cell(String name) {
        CellMagic m = cell.get(name);
        if (m == null) {
            throw new IllegalArgumentException("unknown cell magic %%" + name + "; known: " + new TreeMap<>(help).keySet());
        }
        return m;
    }

    /** Usage of every magic, sorted by name. */
    public Map<String, String> usage() {
        return new TreeMap<>(help);
    }
}
