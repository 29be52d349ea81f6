package org.dnaslab.kernel.session;

import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns JShell's diagnostics for a rejected snippet into a report that shows the offending cell line. */
final class CompilationErrors {
    private CompilationErrors() {
    }

    static CompilationException of(JShell shell, Snippet snippet, String cell, int searchFrom) {
        String src = snippet.source();
        int base = locate(cell, src, searchFrom);
        List<String> report = new ArrayList<>();
        String summary = null;
        for (Diag d : shell.diagnostics(snippet).toList()) {
            if (!d.isError()) {
                continue;
            }
            List<String> message = messageLines(d.getMessage(Locale.ROOT));
            int pos = (int) (d.getStartPosition() >= 0 ? d.getStartPosition() : d.getPosition());
            pos = Math.max(0, Math.min(pos, src.length()));
            int end = (int) Math.max(pos + 1, d.getEndPosition());
            int lineStart = src.lastIndexOf('\n', pos - 1) + 1;
            int lineEnd = src.indexOf('\n', pos);
            if (lineEnd < 0) {
                lineEnd = src.length();
            }
            int cellLine = base >= 0 ? lineNumber(cell, base + lineStart) : -1;
            String where = cellLine > 0 ? " (line " + cellLine + ")" : "";
            if (summary == null) {
                summary = message.get(0) + where;
            }
            report.add("error" + where + ": " + message.get(0));
            for (String extra : message.subList(1, message.size())) {
                report.add("    " + extra.strip());
            }
            String line = src.substring(lineStart, lineEnd);
            report.add("    " + line);
            report.add("    " + marker(line, pos - lineStart, Math.min(end, lineEnd) - lineStart));
        }
        if (summary == null) {
            summary = "the code was rejected by the compiler";
            report.add(summary);
        }
        return new CompilationException(summary, report);
    }

    /** JShell's own wrapper class is no help to a reader: drop "location: class" lines that name nothing. */
    private static List<String> messageLines(String message) {
        List<String> lines = new ArrayList<>();
        for (String l : message.split("\\R")) {
            String t = l.strip();
            if (t.isEmpty() || t.equals("location: class") || t.startsWith("location: class $JShell")
                    || t.startsWith("location: class REPL.")) {
                continue;
            }
            lines.add(t);
        }
        if (lines.isEmpty()) {
            lines.add("compilation failed");
        }
        return lines;
    }

    /** "    ^~~~" under the offending columns; tabs are kept so the marker lines up. */
    static String marker(String line, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < from && i < line.length(); i++) {
            sb.append(line.charAt(i) == '\t' ? '\t' : ' ');
        }
        sb.append('^');
        for (int i = from + 1; i < to; i++) {
            sb.append('~');
        }
        return sb.toString();
    }

    private static int locate(String cell, String src, int from) {
        String head = src.strip();
        head = head.substring(0, Math.min(head.length(), 40));
        if (head.isEmpty()) {
            return -1;
        }
        int at = cell.indexOf(head, Math.max(0, Math.min(from, cell.length())));
        if (at < 0) {
            return -1;
        }
        // JShell's source may start with whitespace the search skipped.
        int lead = src.indexOf(head);
        return at - Math.max(lead, 0);
    }

    private static int lineNumber(String text, int index) {
        int line = 1;
        for (int i = 0; i < index && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
