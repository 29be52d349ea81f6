package org.dnaslab.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.dnaslab.report.ResidentMemory;
import org.dnaslab.data.FashionMnist;
import org.dnaslab.data.ImageDataset;
import org.dnaslab.progress.ProgressReporters;
import org.dnaslab.search.DartsSearch;
import org.dnaslab.search.SearchConfig;
import org.dnaslab.train.TrainingInterruptedException;
import org.dnaslab.search.SearchListener;
import org.dnaslab.search.SearchResult;
import org.dnaslab.search.SearchStatus;
import org.dnaslab.search.StepMetrics;
import org.dnaslab.select.FineTuner;
import org.dnaslab.select.PerturbationSelector;
import org.dnaslab.select.SelectionContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * {@code ./lab soak}: what a long notebook session does, in one JVM, until the time is up. Each round runs, each
 * on a fresh thread as a kernel runs cells: a first-order search and its same-seed rerun (α must agree bit for
 * bit), a second-order search, a second-order search interrupted from another thread and continued (α must equal
 * the uninterrupted one), a PT selection interrupted and rerun, and fine-tunings. Caught exceptions, NaN and
 * disagreements count as crashes; a native crash ends the JVM, which {@code ./lab soak} reports with the exit
 * code and the hs_err file. Resident memory is printed per round so that growth shows.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Long-running reliability soak: searches, PT selections, fine-tunings, interrupts and reruns.")
public final class SoakCommand implements Callable<Integer> {
    @Option(names = "--minutes", defaultValue = "30", description = "how long to run (default ${DEFAULT-VALUE})")
    double minutes;
    @Option(names = "--limit", defaultValue = "128", description = "training images per search (default ${DEFAULT-VALUE})")
    int limit;
    @Option(names = "--channels", defaultValue = "4", description = "initial channels (default ${DEFAULT-VALUE})")
    int channels;
    @Option(names = "--batch", defaultValue = "16", description = "batch size (default ${DEFAULT-VALUE})")
    int batch;
    @Option(names = "--gc", description = "System.gc() after every step: frees unreachable Java buffers at once,"
            + " so a use after free of one shows within minutes")
    boolean gcEveryStep;

    private final Counters counters = new Counters();
    private final List<Double> rssPerRound = new ArrayList<>();
    private long startNanos;
    private long endNanos;

    @Override
    public Integer call() throws InterruptedException {
        ProgressReporters.setCurrent(ProgressReporters.silent());
        ImageDataset data = FashionMnist.load().train().limit(limit);
        startNanos = System.nanoTime();
        endNanos = startNanos + (long) (minutes * 60e9);
        double rssStart = ResidentMemory.currentMiB();
        System.out.printf(Locale.ROOT, "soak: live engine arrays at start %d%n", liveArrays());
        System.out.printf(Locale.ROOT, "soak: %.1f min on %d images of %s, nb201 1 cell C=%d batch %d%s; pid %d "
                        + "(a native crash leaves hs_err_pid%d.log in the working directory); RSS %.0f MiB%n",
                minutes, data.size(), data.name(), channels, batch, gcEveryStep ? ", gc every step" : "",
                ProcessHandle.current().pid(), ProcessHandle.current().pid(), rssStart);
        int round = 0;
        while (System.nanoTime() < endNanos) {
            round(round, data);
            double rss = ResidentMemory.currentMiB();
            // after a full collection, RSS counts what is still reachable (freed Java buffers no longer do)
            System.gc();
            Thread.sleep(500);
            double rssAfterGc = ResidentMemory.currentMiB();
            rssPerRound.add(rssAfterGc);
            System.out.printf(Locale.ROOT, "soak: round %d done, RSS %.0f MiB, after a full GC %.0f MiB; live engine "
                            + "arrays %d; Java heap used %.0f MiB; direct buffers %.1f MiB%n", round + 1, rss,
                    rssAfterGc, liveArrays(), usedHeapMiB(), directBufferMiB());
            round++;
        }
        double rssEnd = ResidentMemory.currentMiB();
        System.out.printf(Locale.ROOT, "soak: %.1f minutes, %d rounds, %d runs, %d steps, %d interrupts, %d crashes "
                        + "(%d exceptions, %d NaN, %d mismatches); RSS %.0f -> %.0f MiB (after round 1: %.0f MiB)%n",
                (System.nanoTime() - startNanos) / 60e9, round, counters.runs, counters.steps, counters.interrupts,
                counters.crashes(), counters.exceptions, counters.nans, counters.mismatches, rssStart, rssEnd,
                rssPerRound.isEmpty() ? Double.NaN : rssPerRound.get(0));
        System.out.println("soak: RSS per round after a full GC (MiB): " + rssPerRound.stream()
                .map(r -> String.format(Locale.ROOT, "%.0f", r)).toList());
        return counters.crashes() == 0 ? 0 : 1;
    }

    private void round(int round, ImageDataset data) throws InterruptedException {
        long seed = round % 4;
        // a search, and the same seed again: bit-identical α, or memory was corrupted somewhere
        float[] first = run(round, "first-order search", () -> search(config(seed, false), data, null));
        float[] again = run(round, "first-order rerun", () -> search(config(seed, false), data, null));
        expectSame("first-order rerun", first, again);
        float[] second = run(round, "second-order search", () -> search(config(seed, true), data, null));
        float[] resumed = run(round, "second-order, interrupted + continued",
                () -> interruptedSearch(config(seed, true), data));
        expectSame("interrupted second-order search", second, resumed);
        run(round, "PT selection, interrupted + rerun", () -> perturbation(config(seed, false), data));
        run(round, "fine-tunings", () -> fineTunings(config(seed, true), data));
    }

    private SearchConfig config(long seed, boolean secondOrder) {
        return SearchConfig.builder().setSpace("nb201").optCells(1).optChannels(channels).optInput(1, 28)
                .optClasses(10).optSeed(seed).setEpochs(2).optBatchSize(batch).optTrainLimit(limit)
                .optSecondOrder(secondOrder).optEvalBatches(2).build();
    }

    /** Runs one piece of work on a fresh thread (as a kernel runs a cell) and reports it. */
    private <T> T run(int round, String what, Supplier<T> work) throws InterruptedException {
        if (System.nanoTime() >= endNanos) {
            return null;
        }
        long t0 = System.nanoTime();
        long steps0 = counters.steps;
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread cell = new Thread(() -> {
            try {
                result.set(work.get());
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "soak-cell");
        cell.start();
        cell.join();
        counters.runs++;
        String outcome = "ok";
        if (failure.get() != null) {
            if (!(failure.get() instanceof NanDetected)) {
                counters.exceptions++;
            }
            outcome = "CRASH " + failure.get();
            failure.get().printStackTrace(System.out);
        }
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        double left = Math.max(0, (endNanos - System.nanoTime()) / 1e9);
        System.out.printf(Locale.ROOT, "[soak %s, ETA %s] round %d run %d %s: %d steps, %.1fs, %s | steps %d, crashes %d,"
                        + " RSS %.0f MiB%n", clock(elapsed), clock(left), round + 1, counters.runs, what,
                counters.steps - steps0, (System.nanoTime() - t0) / 1e9, outcome, counters.steps, counters.crashes(),
                ResidentMemory.currentMiB());
        return result.get();
    }

    private float[] search(SearchConfig config, ImageDataset data, SearchListener extra) {
        try (DartsSearch s = newSearch(config, extra)) {
            SearchResult r = s.run(data);
            if (r.status() != SearchStatus.FINISHED) {
                throw new IllegalStateException("search ended " + r.status());
            }
            return alpha(s);
        }
    }

    private DartsSearch newSearch(SearchConfig config, SearchListener extra) {
        DartsSearch.Builder b = DartsSearch.builder(config).optProgress(false).addListener(stepCounter());
        if (extra != null) {
            b.addListener(extra);
        }
        return b.build();
    }

    /** Interrupts the search from another thread after a few steps, then continues it on another fresh thread. */
    private float[] interruptedSearch(SearchConfig config, ImageDataset data) {
        CountDownLatch started = new CountDownLatch(3);
        try (DartsSearch s = newSearch(config, new SearchListener() {
            @Override
            public void onStep(StepMetrics m) {
                started.countDown();
            }
        })) {
            AtomicReference<Object> first = new AtomicReference<>();
            Thread worker = new Thread(() -> {
                try {
                    first.set(s.run(data));
                } catch (TrainingInterruptedException expected) {
                    first.set(expected);
                }
            }, "soak-search");
            worker.start();
            started.await();
            worker.interrupt();
            worker.join();
            if (!(first.get() instanceof TrainingInterruptedException) || s.status() != SearchStatus.INTERRUPTED) {
                throw new IllegalStateException("the interrupted search ended " + first.get() + " with status "
                        + s.status());
            }
            counters.interrupts++;
            AtomicReference<SearchResult> rest = new AtomicReference<>();
            Thread again = new Thread(() -> rest.set(s.run(data)), "soak-search-continued");
            again.start();
            again.join();
            if (rest.get() == null || rest.get().status() != SearchStatus.FINISHED) {
                throw new IllegalStateException("the continued search did not finish");
            }
            return alpha(s);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** PT on a fresh search, interrupted from another thread during its first fine-tuning, then rerun. */
    private float[] perturbation(SearchConfig config, ImageDataset data) {
        try (DartsSearch s = newSearch(config, null)) {
            s.run(data);
            SelectionContext ctx = SelectionContext.of(s, data);
            PerturbationSelector pt = PerturbationSelector.builder().optInterval(1).optEvalBatches(2)
                    .optProgress(false).build();
            AtomicReference<RuntimeException> failure = new AtomicReference<>();
            Thread worker = new Thread(() -> {
                try {
                    pt.select(ctx);
                } catch (TrainingInterruptedException expected) {
                    counters.interrupts++;
                } catch (RuntimeException e) {
                    failure.set(e);
                }
            }, "soak-pt");
            worker.start();
            worker.join(300);
            worker.interrupt();
            worker.join();
            if (failure.get() != null) {
                throw failure.get();
            }
            pt.select(ctx);
            return checkFinite("PT", alpha(s));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private float[] fineTunings(SearchConfig config, ImageDataset data) {
        try (DartsSearch s = newSearch(config, null)) {
            s.run(data);
            SelectionContext ctx = SelectionContext.of(s, data);
            FineTuner tuner = FineTuner.from(config).setEpochs(1).optAlphaSteps(true).build();
            for (int i = 0; i < 3; i++) {
                for (FineTuner.Epoch e : tuner.tune(s.supernet(), ctx.data(), ctx.split().train(), ctx.split().val(), i)) {
                    counters.steps += ctx.split().train().length / batch;
                    if (!Double.isFinite(e.trainLoss())) {
                        counters.nans++;
                        throw new IllegalStateException("fine-tuning loss " + e.trainLoss());
                    }
                }
            }
            return checkFinite("fine-tuning", alpha(s));
        }
    }

    private SearchListener stepCounter() {
        return new SearchListener() {
            @Override
            public void onStep(StepMetrics m) {
                counters.steps++;
                if (!Double.isFinite(m.trainLoss()) || (!Double.isNaN(m.valLoss()) && !Double.isFinite(m.valLoss()))) {
                    counters.nans++;
                    throw new NanDetected("step " + (m.step() + 1) + " of epoch " + (m.epoch() + 1)
                            + ": loss " + m.trainLoss() + ", validation loss " + m.valLoss());
                }
                if (gcEveryStep) {
                    System.gc();
                }
            }
        };
    }

    private float[] alpha(DartsSearch s) {
        List<float[]> parts = new ArrayList<>();
        int n = 0;
        for (NDArray a : s.supernet().arch().named().values()) {
            float[] v = a.toFloatArray();
            parts.add(v);
            n += v.length;
        }
        float[] all = new float[n];
        int at = 0;
        for (float[] v : parts) {
            System.arraycopy(v, 0, all, at, v.length);
            at += v.length;
        }
        return checkFinite("α", all);
    }

    private float[] checkFinite(String what, float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                counters.nans++;
                throw new NanDetected(what + " holds " + v);
            }
        }
        return values;
    }

    private void expectSame(String what, float[] expected, float[] actual) {
        if (expected != null && actual != null && !Arrays.equals(expected, actual)) {
            counters.mismatches++;
            System.out.println("soak: MISMATCH " + what + ": α differs from the uninterrupted same-seed run");
        }
    }

    /** Every array of every engine manager in the process (all hang off the engine's system manager). */
    private static int liveArrays() {
        try (NDManager probe = NDManager.newBaseManager()) {
            return probe.getParentManager().getManagedArrays().size();
        }
    }

    private static double usedHeapMiB() {
        Runtime r = Runtime.getRuntime();
        return (r.totalMemory() - r.freeMemory()) / 1048576.0;
    }

    private static double directBufferMiB() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum() / 1048576.0;
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** A NaN or infinite value, counted as such (not again as an exception). */
    private static final class NanDetected extends IllegalStateException {
        NanDetected(String message) {
            super(message);
        }
    }

    /** What the soak counts; touched by one cell thread at a time (the main thread joins each). */
    private static final class Counters {
        volatile long runs;
        volatile long steps;
        volatile long interrupts;
        volatile long exceptions;
        volatile long nans;
        volatile long mismatches;

        long crashes() {
            return exceptions + nans + mismatches;
        }
    }
}
