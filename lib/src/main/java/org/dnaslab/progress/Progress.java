package org.dnaslab.progress;

import java.util.Map;

/**
 * One running task's progress, as shown to a person: a notebook's live bar or a terminal line.
 * Library loops (search, PT selection, training) call {@link #update} once per step and {@link #close} at the end.
 */
public interface Progress extends AutoCloseable {

    /**
     * @param step    steps done so far, 0..total
     * @param phase   where in the task we are, e.g. "epoch 2/10"
     * @param metrics latest figures to show (loss, accuracy, ...); iteration order is display order
     */
    void update(long step, String phase, Map<String, Double> metrics);

    /** The task ended (finished, stopped or failed); a final message may say how. */
    void finish(String message);

    @Override
    default void close() {
        finish("");
    }

    /** Starts a task on the current default reporter (a notebook bar inside the kernel, a log line elsewhere). */
    static Progress start(String task, long totalSteps) {
        return ProgressReporters.current().start(task, totalSteps);
    }
}
