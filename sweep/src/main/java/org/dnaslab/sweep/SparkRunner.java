package org.dnaslab.sweep;

import java.util.List;
import java.util.Objects;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * The thin driver: one Spark task per element, each the plain {@link Function} given (a training or a search), and
 * the results collected in order. Nothing else happens on the executors, so the same function runs serially in
 * {@link SerialRunner}.
 *
 * <p>Master: the one given; else the one {@code spark-submit} set ({@code spark.master}); else {@value #DEFAULT_MASTER}.
 * Executors of a real cluster get one PyTorch thread per task through {@code spark.executor.extraJavaOptions}
 * (embedded {@code local[N]} runs the tasks in this JVM, whose thread settings {@code ./lab} sets).
 */
public final class SparkRunner {
    public static final String DEFAULT_MASTER = "local[2]";
    /** Offline DJL, one intra-op and one inter-op PyTorch thread per task: N tasks use N cores, no more. */
    public static final String EXECUTOR_JAVA_OPTIONS = "-Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 "
            + "-Dai.djl.pytorch.num_interop_threads=1 -Xss4m";

    private SparkRunner() {
    }

    /** The master to use: {@code requested} if set, else spark-submit's, else {@value #DEFAULT_MASTER}. */
    public static String master(String requested) {
        if (requested != null && !requested.isBlank()) {
            return requested;
        }
        String submitted = System.getProperty("spark.master");
        return submitted != null && !submitted.isBlank() ? submitted : DEFAULT_MASTER;
    }

    /**
     * Runs {@code function} on each task, one Spark task per element, and returns the results in task order.
     *
     * @param labels a short name per task for the progress log (same size as tasks)
     */
    public static <T, R> List<R> run(String master, String appName, List<T> tasks, Function<T, R> function,
                                     List<String> labels, ProgressLog log) {
        Objects.requireNonNull(function, "function");
        if (labels.size() != tasks.size()) {
            throw new IllegalArgumentException(labels.size() + " labels for " + tasks.size() + " tasks");
        }
        if (tasks.isEmpty()) {
            return List.of();
        }
        String m = master(master);
        SparkConf conf = new SparkConf().setAppName(appName).setMaster(m)
                .set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false")
                // One training per task and nothing to shuffle: no speculative duplicates of a long training.
                .set("spark.speculation", "false")
                .set("spark.task.cpus", "1");
        // Appended, so options given to spark-submit (--conf spark.executor.extraJavaOptions=…) are kept.
        conf.set("spark.executor.extraJavaOptions",
                (conf.get("spark.executor.extraJavaOptions", "") + " " + EXECUTOR_JAVA_OPTIONS).trim());
        if (m.startsWith("local")) {
            conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        }
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.setLogLevel("WARN");
            if (log != null) {
                sc.sc().addSparkListener(new Listener(labels, log));
            }
            return sc.parallelize(tasks, tasks.size()).map(function).collect();
        }
    }

    /** Turns Spark's task-end events into the progress log's lines. */
    private static final class Listener extends SparkListener {
        private final List<String> labels;
        private final ProgressLog log;

        Listener(List<String> labels, ProgressLog log) {
            this.labels = List.copyOf(labels);
            this.log = log;
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            int index = end.taskInfo().index();
            String label = index >= 0 && index < labels.size() ? labels.get(index) : "task " + index;
            if (end.taskInfo().successful()) {
                log.finished(label, end.taskInfo().duration() / 1000.0);
            } else {
                String reason = end.reason() instanceof TaskFailedReason f ? firstLine(f.toErrorString())
                        : String.valueOf(end.reason());
                log.failed(label + " (attempt " + (end.taskInfo().attemptNumber() + 1) + ")", reason);
            }
        }

        private static String firstLine(String s) {
            int nl = s.indexOf('\n');
            return nl < 0 ? s : s.substring(0, nl);
        }
    }
}
