package org.dnaslab.kernel.session;

import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.util.Map;

/** Hands JShell our {@link CellRunner} and keeps it, so the session can stop cells and read results. */
final class CellRunnerProvider implements ExecutionControlProvider {
    private final long graceMillis;
    private volatile CellRunner runner;

    CellRunnerProvider(long graceMillis) {
        this.graceMillis = graceMillis;
    }

    @Override
    public String name() {
        return "dnaslab-cell";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        runner = new CellRunner(graceMillis);
        return runner;
    }

    CellRunner runner() {
        if (runner == null) {
            throw new IllegalStateException("JShell has not started its execution engine yet");
        }
        return runner;
    }
}
