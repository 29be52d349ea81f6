package org.dnaslab.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A separate JVM running a main class on this test's class path, with the engine settings the tests use; for faults
 * that need a real process (a SIGKILL). Its stdout and stderr are read line by line into a queue, so a test can
 * wait for a line instead of sleeping.
 */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private ChildJvm(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        }, "child-jvm-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code mainClass} with {@code args}. */
    public static ChildJvm start(String mainClass, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Djava.awt.headless=true", "-Dai.djl.pytorch.num_threads=1",
                "-Dai.djl.pytorch.num_interop_threads=1", "-Xss4m", "-cp", System.getProperty("java.class.path"),
                mainClass));
        cmd.addAll(List.of(args));
        try {
            return new ChildJvm(new ProcessBuilder(cmd).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + cmd, e);
        }
    }

    /** Waits (up to {@code seconds}) for an output line matching {@code wanted}; fails with the output so far. */
    public String awaitLine(Predicate<String> wanted, String what, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? lines.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS)
                    : null;
            if (line != null) {
                seen.add(line);
                if (wanted.test(line)) {
                    return line;
                }
            } else if (left <= 0 || !process.isAlive() && lines.isEmpty()) {
                fail("no " + what + " from the child within " + seconds + " s (alive: " + process.isAlive()
                        + "); its output:\n" + output());
            }
        }
    }

    /** Waits (up to {@code seconds}) for the process to end by itself; returns its exit code. */
    public int awaitExit(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            fail("the child did not end within " + seconds + " s; its output:\n" + output());
        }
        return process.exitValue();
    }

    /** SIGKILL (on Linux): no shutdown hook, no finally block runs. Waits until the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(60, TimeUnit.SECONDS);
    }

    public Process process() {
        return process;
    }

    /** Everything the child printed so far. */
    public String output() {
        lines.drainTo(seen);
        return String.join("\n", seen);
    }

    /** Polls {@code condition} every 20 ms for up to {@code seconds}. */
    public static void await(java.util.function.BooleanSupplier condition, String what, long seconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(what + " did not happen within " + seconds + " s");
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    /** Files in {@code dir} whose names end in {@code .tmp}. */
    public static List<Path> tempFiles(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }
}
