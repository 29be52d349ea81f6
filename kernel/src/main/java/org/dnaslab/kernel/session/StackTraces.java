package org.dnaslab.kernel.session;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Stack traces as a notebook user wants them: cut below the cell's own frames, with causes. */
public final class StackTraces {
    /** JShell compiles each snippet into a class in this package. */
    private static final String SNIPPET_PREFIX = "REPL.";

    private StackTraces() {
    }

    /**
     * The trace of {@code t} and its causes, each cut after its last frame in cell code: what called the cell
     * (JShell, reflection, the kernel) is noise. A throwable with no cell frame keeps its whole trace.
     */
    public static List<String> cutToCell(Throwable t) {
        List<String> lines = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        String prefix = "";
        for (Throwable current = t; current != null && seen.put(current, true) == null; current = current.getCause()) {
            lines.add(prefix + current);
            StackTraceElement[] frames = current.getStackTrace();
            int end = lastCellFrame(frames);
            int shown = end < 0 ? frames.length : end + 1;
            for (int i = 0; i < shown; i++) {
                lines.add("\tat " + describe(frames[i]));
            }
            prefix = "Caused by: ";
        }
        return lines;
    }

    private static int lastCellFrame(StackTraceElement[] frames) {
        for (int i = frames.length - 1; i >= 0; i--) {
            if (frames[i].getClassName().startsWith(SNIPPET_PREFIX)) {
                return i;
            }
        }
        return -1;
    }

    /** Cell frames read "cell code: method" rather than JShell's generated wrapper names. */
    static String describe(StackTraceElement frame) {
        if (frame.getClassName().startsWith(SNIPPET_PREFIX)) {
            String method = frame.getMethodName();
            return "cell code" + ("do_it$".equals(method) ? "" : ": " + method + "(...)");
        }
        return frame.toString();
    }
}
