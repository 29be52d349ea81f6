package org.dnaslab.bench;

import ai.djl.pytorch.jni.JniUtils;
import org.dnaslab.store.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Profiles a few more steps of a bench case after its timed ones ({@code ./lab bench --profile PREFIX}) with
 * libtorch's op profiler, and writes {@code PREFIX.CASE.ours.trace.json} (Chrome trace) and
 * {@code PREFIX.CASE.ours.txt} (category shares and the op table, {@link OpProfile}). The profiler's own cost per op
 * slows the profiled steps, so their times are never reported as speed.
 */
public final class StepProfiler {
    private static final StepProfiler NONE = new StepProfiler(null, "", 0);

    private final Path prefix;
    private final String caseName;
    private final int steps;
    private boolean running;

    private StepProfiler(Path prefix, String caseName, int steps) {
        this.prefix = prefix;
        this.caseName = caseName;
        this.steps = steps;
    }

    /** No profiling. */
    public static StepProfiler none() {
        return NONE;
    }

    /** Profiles {@code steps} steps of {@code caseName}, writing next to {@code prefix}. */
    public static StepProfiler of(Path prefix, String caseName, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("--profile-steps must be at least 1; got " + steps);
        }
        return new StepProfiler(prefix, caseName, steps);
    }

    /** Steps to profile after the timed ones (0: none). */
    public int steps() {
        return steps;
    }

    /** Starts recording ops (this thread's, and autograd's backward, which runs on it on the CPU). */
    public void begin() {
        try {
            Files.createDirectories(sibling("").getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the profile directory of " + prefix, e);
        }
        JniUtils.startProfile(false, false, false);
        running = true;
    }

    /** Stops recording, writes the trace and the summary, and prints the summary line. */
    public OpProfile end(double wallMillis) {
        if (!running) {
            throw new IllegalStateException("the op profiler of " + caseName + " was not started");
        }
        running = false;
        Path trace = sibling(".ours.trace.json");
        JniUtils.stopProfile(trace.toString());
        OpProfile profile = OpProfile.read(trace, wallMillis);
        Path text = sibling(".ours.txt");
        AtomicFiles.writeString(text, String.format(Locale.ROOT, "%s: %d steps, %.1f ms of wall time (profiled),"
                + " self time by category: %s%n%n%s", caseName, steps, wallMillis, profile.summary(), profile.table(40)));
        System.out.printf(Locale.ROOT, "%s profile (%d steps, share of wall time, ours): %s  -> %s%n", caseName, steps,
                profile.summary(), text);
        return profile;
    }

    private Path sibling(String suffix) {
        Path parent = prefix.toAbsolutePath().getParent();
        return parent.resolve(prefix.getFileName() + "." + caseName + suffix);
    }
}
