package org.dnaslab.kernel.session;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cell split into what runs in order: Java code and line magics ({@code %name args} on a line of its own), or a
 * whole-cell magic ({@code %%name args} on the first line, the rest is its body).
 */
public final class CellSource {
    private static final Pattern LINE_MAGIC = Pattern.compile("^[ \\t]*%(?!%)([A-Za-z_][\\w.-]*)(.*)$", Pattern.MULTILINE);
    private static final Pattern CELL_MAGIC = Pattern.compile("\\A\\s*%%([A-Za-z_][\\w.-]*)([^\\n]*)\\n?(.*)\\z", Pattern.DOTALL);

    /** Line magics whose argument is Java code. */
    private static final java.util.Set<String> CODE_ARGUMENT_MAGICS = java.util.Set.of("time");

    /** One piece of a cell: code (with its offset in the cell), or a line magic with its arguments. */
    public record Part(boolean magic, String name, String argLine, String code, int offset) {
    }

    /** A whole-cell magic, or null. */
    public record CellMagicCall(String name, String argLine, String body) {
    }

    private CellSource() {
    }

    public static CellMagicCall cellMagic(String cell) {
        Matcher m = CELL_MAGIC.matcher(cell);
        return m.matches() ? new CellMagicCall(m.group(1), m.group(2).strip(), m.group(3)) : null;
    }

    /** Code and line magics in order; blank code between magics is dropped. */
    public static List<Part> parts(String cell) {
        List<Part> parts = new ArrayList<>();
        Matcher m = LINE_MAGIC.matcher(cell);
        int codeStart = 0;
        while (m.find()) {
            addCode(parts, cell, codeStart, m.start());
            parts.add(new Part(true, m.group(1), m.group(2).strip(), null, m.start()));
            codeStart = m.end();
        }
        addCode(parts, cell, codeStart, cell.length());
        return parts;
    }

    private static void addCode(List<Part> parts, String cell, int from, int to) {
        String code = cell.substring(from, to);
        if (!code.isBlank()) {
            parts.add(new Part(false, null, null, code, from));
        }
    }

    /** The cell with every magic line blanked (same length), so code offsets stay valid for completion. */
    public static String maskMagics(String cell) {
        StringBuilder sb = new StringBuilder(cell);
        Matcher cm = CELL_MAGIC.matcher(cell);
        if (cm.matches()) {
            blank(sb, cm.start(1) - 2, cm.end(2));
        }
        Matcher m = LINE_MAGIC.matcher(cell);
        while (m.find()) {
            // %time's argument is Java code: only its name is blanked, so the code after it still completes.
            blank(sb, m.start(), CODE_ARGUMENT_MAGICS.contains(m.group(1)) ? m.start(2) : m.end());
        }
        return sb.toString();
    }

    private static void blank(StringBuilder sb, int from, int to) {
        for (int i = Math.max(0, from); i < to; i++) {
            sb.setCharAt(i, ' ');
        }
    }

    /** Splits magic arguments on blanks; double or single quotes group, a backslash escapes the next character. */
    public static List<String> splitArgs(String s) {
        List<String> args = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inToken = false;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                current.append(s.charAt(++i));
                inToken = true;
            } else if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    current.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inToken = true;
            } else if (Character.isWhitespace(c)) {
                if (inToken) {
                    args.add(current.toString());
                    current.setLength(0);
                    inToken = false;
                }
            } else {
                current.append(c);
                inToken = true;
            }
        }
        if (inToken) {
            args.add(current.toString());
        }
        return args;
    }
}
