package org.dnaslab.kernel;

import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The inputs (and plain-text outputs) of this kernel's cells, for Jupyter's history requests. Kept in memory. */
final class SessionHistory implements HistoryManager {
    /** This kernel keeps one session; history requests name it 1 (or 0, meaning the current one). */
    static final int SESSION = 1;

    private record Cell(int line, String input, String output) {
    }

    private final List<Cell> cells = new ArrayList<>();

    synchronized void record(int line, String input, String output) {
        cells.add(new Cell(line, input, output == null ? "" : output));
    }

    @Override
    public synchronized List<HistoryEntry> lookupTail(int length, Set<ResultFlag> flags) {
        int n = length <= 0 ? cells.size() : Math.min(length, cells.size());
        return entries(cells.subList(cells.size() - n, cells.size()), flags);
    }

    @Override
    public synchronized List<HistoryEntry> lookupRange(int session, int start, int stop, Set<ResultFlag> flags) {
        if (session != 0 && session != SESSION) {
            return List.of();
        }
        List<Cell> selected = new ArrayList<>();
        for (Cell c : cells) {
            if (c.line >= start && (stop <= 0 || c.line < stop)) {
                selected.add(c);
            }
        }
        return entries(selected, flags);
    }

    @Override
    public synchronized List<HistoryEntry> search(String pattern, int length, Set<ResultFlag> flags) {
        Pattern glob = globToRegex(pattern == null ? "*" : pattern);
        List<Cell> matches = new ArrayList<>();
        for (Cell c : cells) {
            if (glob.matcher(c.input).matches()) {
                matches.add(c);
            }
        }
        if (flags.contains(ResultFlag.UNIQUE)) {
            // Keep the latest run of each distinct input, in order of those runs.
            Map<String, Cell> latest = new LinkedHashMap<>();
            for (Cell c : matches) {
                latest.remove(c.input);
                latest.put(c.input, c);
            }
            matches = new ArrayList<>(latest.values());
        }
        int n = length <= 0 ? matches.size() : Math.min(length, matches.size());
        return entries(matches.subList(matches.size() - n, matches.size()), flags);
    }

    private static List<HistoryEntry> entries(List<Cell> cells, Set<ResultFlag> flags) {
        boolean output = flags.contains(ResultFlag.INCLUDE_OUTPUT);
        List<HistoryEntry> list = new ArrayList<>();
        for (Cell c : cells) {
            list.add(new HistoryEntry(SESSION, c.line, c.input, output ? c.output : null));
        }
        return list;
    }

    /** SQLite glob, as the protocol specifies: * any run, ? one character, [...] a class ([^...] negated). */
    static Pattern globToRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> re.append("[\\s\\S]*");
                case '?' -> re.append("[\\s\\S]");
                case '[' -> {
                    int close = glob.indexOf(']', i + 2);
                    if (close < 0) {
                        re.append("\\[");
                    } else {
                        String body = glob.substring(i + 1, close).replace("\\", "\\\\");
                        re.append('[').append(body).append(']');
                        i = close;
                    }
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
