package org.dnaslab.kernel.session;

import java.util.ArrayList;
import java.util.List;

/** What a failed cell shows, as plain lines: compile problems with the offending code, or a cut stack trace. */
public final class ErrorReport {
    private ErrorReport() {
    }

    public static List<String> lines(Throwable t) {
        if (t instanceof CompilationException ce) {
            return ce.report();
        }
        if (t instanceof MagicException) {
            return List.of(t.getMessage().split("\n"));
        }
        if (t instanceof CellInterruptedException ie) {
            List<String> lines = new ArrayList<>();
            if (ie.getCause() instanceof CellStillRunningException still) {
                return List.of("Interrupted, but " + still.getMessage());
            }
            lines.add("Interrupted: " + ie.getMessage());
            if (ie.getCause() != null) {
                lines.add("It stopped in:");
                lines.addAll(StackTraces.cutToCell(ie.getCause()));
            }
            return lines;
        }
        return StackTraces.cutToCell(t);
    }
}
