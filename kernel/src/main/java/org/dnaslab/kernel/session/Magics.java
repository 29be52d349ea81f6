package org.dnaslab.kernel.session;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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

    /** How a magic is called ({@code %name ARGS}) and what it does, in one line each. */
    public record Help(String call, String description) {
    }

    private final Map<String, LineMagic> line = new ConcurrentHashMap<>();
    private final Map<String, CellMagic> cell = new ConcurrentHashMap<>();
    private final Map<String, Help> help = new ConcurrentHashMap<>();

    /** Registers {@code %name}; {@code arguments} is the usage after the name, {@code description} one line. */
    public Magics line(String name, String arguments, String description, LineMagic magic) {
        line.put(name, magic);
        help.put("%" + name, new Help(("%" + name + " " + arguments).strip(), description));
        return this;
    }

    /** Registers {@code %%name}; {@code arguments} is the usage after the name, {@code description} one line. */
    public Magics cell(String name, String arguments, String description, CellMagic magic) {
        cell.put(name, magic);
        help.put("%%" + name, new Help(("%%" + name + " " + arguments).strip(), description));
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

    /** Every magic, by its name with the percent signs ({@code %time}, {@code %%time}), sorted. */
    public Map<String, Help> usage() {
        return new TreeMap<>(help);
    }

    /** The names of the line magics, without the percent sign. */
    public Set<String> lineNames() {
        return new TreeSet<>(line.keySet());
    }

    /** The names of the cell magics, without the percent signs. */
    public Set<String> cellNames() {
        return new TreeSet<>(cell.keySet());
    }
}
