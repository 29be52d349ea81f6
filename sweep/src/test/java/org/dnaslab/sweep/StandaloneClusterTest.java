package org.dnaslab.sweep;

import org.apache.spark.api.java.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The tiny sweep on a real standalone Spark cluster: this test starts a master and a worker (Spark's own
 * {@code deploy.master.Master} and {@code deploy.worker.Worker}, each in its own JVM), the worker starts an executor
 * JVM, and the trainings run there, not in the test's JVM. The records must be the serial runner's, and a rerun on
 * the cluster must train nothing: what {@code spark-submit --master spark://…} relies on.
 *
 * <p>No Spark distribution is installed: the worker gets an empty {@code SPARK_HOME} and the executors this test's
 * class path through {@code spark.executor.extraClassPath}, as a cluster gets the jars of {@code spark-submit --jars}.
 */
class StandaloneClusterTest {
    private static final long START_SECONDS = 90;
    private static final long JOB_SECONDS = 240;

    @TempDir
    Path dir;

    @BeforeAll
    static void threads() {
        SweepMain.oneThreadPerTask();
    }

    @Test
    void aStandaloneMasterAndWorkerGiveTheSerialRunnersRecords() throws Exception {
        List<SweepTask> serialTasks = Tiny.trainings(2, 1, dir.resolve("serial"));
        List<TaskOutcome> serial = SerialRunner.run(serialTasks, new RunTask(), null);

        int masterPort = freePort();
        Path sparkHome = Files.createDirectories(dir.resolve("spark-home/jars"));
        List<Process> cluster = new ArrayList<>();
        String[] driverProps = {"spark.executor.extraClassPath", "spark.driver.host", "spark.driver.bindAddress"};
        try {
            cluster.add(start("master", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                    "--port", String.valueOf(masterPort), "--webui-port", String.valueOf(freePort())), sparkHome));
            awaitPort(masterPort, cluster.get(0), "master");
            cluster.add(start("worker", List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                    "--cores", "2", "--memory", "2g", "--webui-port", String.valueOf(freePort()),
                    "--work-dir", Files.createDirectories(dir.resolve("work")).toString(),
                    "spark://127.0.0.1:" + masterPort), sparkHome));

            // read by SparkRunner's SparkConf, as spark-submit's --conf would be
            System.setProperty("spark.executor.extraClassPath", System.getProperty("java.class.path"));
            System.setProperty("spark.driver.host", "127.0.0.1");
            System.setProperty("spark.driver.bindAddress", "127.0.0.1");
            String master = "spark://127.0.0.1:" + masterPort;
            List<SweepTask> clusterTasks = Tiny.trainings(2, 1, dir.resolve("cluster"));
            Path pids = Files.createDirectories(dir.resolve("pids"));
            List<TaskOutcome> onCluster = withinTime(() -> SparkRunner.run(master, "standalone-test", clusterTasks,
                    new InProcessNamed(pids), Tiny.labels(clusterTasks), null));

            assertEquals(serial.size(), onCluster.size());
            for (int i = 0; i < serial.size(); i++) {
                TaskOutcome a = serial.get(i);
                TaskOutcome b = onCluster.get(i);
                assertEquals(a.storeKey(), b.storeKey());
                assertEquals(a.accuracy(), b.accuracy(), 0, "same training, same accuracy: " + a.storeKey());
                assertTrue(b.trainedNow());
            }
            List<String> ranIn;
            try (var files = Files.list(pids)) {
                ranIn = files.map(f -> f.getFileName().toString()).toList();
            }
            assertEquals(1, ranIn.size(), "both tasks in the worker's one executor JVM: " + ranIn);
            assertNotEquals(String.valueOf(ProcessHandle.current().pid()), ranIn.get(0),
                    "the trainings ran in the test's own JVM, not on the cluster");

            List<TaskOutcome> rerun = withinTime(() -> SparkRunner.run(master, "standalone-test", clusterTasks,
                    new RunTask(), Tiny.labels(clusterTasks), null));
            assertTrue(rerun.stream().noneMatch(TaskOutcome::trainedNow), "a rerun on the cluster trains nothing");
        } finally {
            for (String p : driverProps) {
                System.clearProperty(p);
            }
            for (int i = cluster.size() - 1; i >= 0; i--) {
                stop(cluster.get(i));
            }
        }
    }

    /** Runs the task and leaves a file named by the process it ran in. */
    static final class InProcessNamed implements Function<SweepTask, TaskOutcome> {
        private static final long serialVersionUID = 1L;
        private final String dir;

        InProcessNamed(Path dir) {
            this.dir = dir.toString();
        }

        @Override
        public TaskOutcome call(SweepTask task) throws IOException {
            Path mark = Path.of(dir, String.valueOf(ProcessHandle.current().pid()));
            if (!Files.exists(mark)) {
                Files.createFile(mark);
            }
            return task.run();
        }
    }

    /** One of Spark's daemons in its own JVM, with this JVM's java, flags (--add-opens) and class path. */
    private Process start(String name, List<String> mainAndArgs, Path sparkJars) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (flag.startsWith("--add-opens") || flag.startsWith("-Dai.djl") || flag.startsWith("-Xss")) {
                cmd.add(flag);
            }
        }
        cmd.add("-Xmx512m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.addAll(mainAndArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        // The worker builds each executor's command from SPARK_HOME: an empty jars/ directory and the Scala
        // version stand in for a distribution; the class path comes from spark.executor.extraClassPath.
        pb.environment().put("SPARK_HOME", sparkJars.getParent().toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return pb.start();
    }

    private void awaitPort(int port, Process daemon, String name) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (System.nanoTime() < deadline) {
            if (!daemon.isAlive()) {
                fail("the Spark " + name + " exited with " + daemon.exitValue() + ": " + log(name));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        fail("the Spark " + name + " did not listen on port " + port + " within " + START_SECONDS + " s: " + log(name));
    }

    private String log(String name) throws IOException {
        Path f = dir.resolve(name + ".log");
        return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "(no log)";
    }

    /** The stderr of every executor JVM: the worker writes it to work/app-…/N/stderr. */
    private static String executorLogs(Path work) throws IOException {
        StringBuilder all = new StringBuilder();
        try (var files = Files.walk(work)) {
            for (Path f : files.filter(f -> f.getFileName().toString().equals("stderr")).toList()) {
                all.append(Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        return all.toString();
    }

    /**
     * Runs a job with a deadline: a job whose executors never start waits for resources forever, so a cluster that
     * cannot run it fails the test with the daemons' logs instead of hanging the build.
     */
    private <T> T withinTime(Callable<T> job) throws Exception {
        ExecutorService driver = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "standalone-test-driver");
            t.setDaemon(true);
            return t;
        });
        try {
            return driver.submit(job).get(JOB_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            String executors = executorLogs(dir.resolve("work"));
            return fail("the job did not finish on the standalone cluster within " + JOB_SECONDS + " s; worker log: "
                    + log("worker") + "\nexecutor logs (end): "
                    + executors.substring(Math.max(0, executors.length() - 3000)));
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            driver.shutdownNow();
        }
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
