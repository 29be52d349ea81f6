package org.dnaslab.sweep;

import org.apache.spark.api.java.function.Function;

/** The plain function of a sweep's Spark tasks: {@link SweepTask#run()}. */
public final class RunTask implements Function<SweepTask, TaskOutcome> {
    private static final long serialVersionUID = 1L;

    @Override
    public TaskOutcome call(SweepTask task) {
        return task.run();
    }
}
