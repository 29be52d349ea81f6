package org.dnaslab.kernel.session;

import java.util.List;

/** A cell did not compile. The message lists each problem with the offending line of the cell and a marker under it. */
public final class CompilationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> report;

    CompilationException(String summary, List<String> report) {
        super(summary);
        this.report = List.copyOf(report);
    }

    /** The lines to show: for each problem, its message, the cell line and a caret marker. */
    public List<String> report() {
        return report;
    }
}
