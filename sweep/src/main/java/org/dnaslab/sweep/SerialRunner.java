package org.dnaslab.sweep;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.Function;

/** Applies a task function to each task in order on this thread: the reference a Spark run must agree with. */
public final class SerialRunner {
    private SerialRunner() {
    }

    public static <T, R> List<R> run(List<T> tasks, Function<T, R> function, ProgressLog log) throws Exception {
        List<R> out = new ArrayList<>(tasks.size());
        for (T t : tasks) {
            long start = System.nanoTime();
            out.add(function.call(t));
            if (log != null) {
                log.finished(t.toString().length() > 60 ? "task " + out.size() : t.toString(),
                        (System.nanoTime() - start) / 1e9);
            }
        }
        return out;
    }
}
