package org.dnaslab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.dnaslab.bench.CaseEstimate;
import org.dnaslab.bench.ChildJvm;
import org.dnaslab.bench.MatmulPeak;
import org.dnaslab.bench.Medians;
import org.dnaslab.bench.PtPassBench;
import org.dnaslab.bench.ScratchStepBench;
import org.dnaslab.bench.SearchStepBench;
import org.dnaslab.bench.StepBudget;
import org.dnaslab.bench.StepProfiler;
import org.dnaslab.bench.StepRow;
import org.dnaslab.bench.StepTable;
import org.dnaslab.data.FashionMnist;
import org.dnaslab.data.ImageDataset;
import org.dnaslab.progress.ProgressReporters;
import org.dnaslab.report.Budget;
import org.dnaslab.report.CpuSteal;
import org.dnaslab.report.ResidentMemory;
import org.dnaslab.search.SearchConfig;
import org.dnaslab.store.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ./lab bench}: speed and memory side by side with the PyTorch reference ({@code bench/reference.py} on
 * Debian's python3-torch) in NCHW and in channels-last, measured in the same run with the same thread count. Every
 * case runs in a fresh process on each side (a child JVM here), so each peak resident memory is the case's own.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Step speed and peak memory vs the PyTorch reference (NCHW and channels-last), PT passes on NB201"
                + " and DARTS, native memory over steps, and kernel cold start. See bench/README.md.")
public final class BenchCommand implements Callable<Integer> {
    static final List<String> STEP_CASES = List.of("nb201_n1", "nb201_n5", "darts8", "laptop_search", "gt_train");
    static final List<String> OTHER_CASES = List.of("pt", "pt_darts", "memory", "kernel_start");

    @Option(names = "--cases", split = ",",
            defaultValue = "nb201_n1,nb201_n5,darts8,laptop_search,gt_train,pt,pt_darts,memory,kernel_start",
            description = "cases to run, in this order (default ${DEFAULT-VALUE})")
    List<String> cases;
    @Option(names = "--full", description = "more warmup, repeats and bigger PT and memory cases (about 25 minutes on a quiet machine; --plan estimates)")
    boolean full;
    @Option(names = "--warmup", description = "untimed steps per side (default 1, --full 3)")
    Integer warmup;
    @Option(names = "--repeats", description = "timed steps per side (default 5, --full 15)")
    Integer repeats;
    @Option(names = "--max-seconds", description = "per side and case: timed steps stop once this is spent and at"
            + " least 3 are timed; warmup stops after one step once it used a quarter (default 30, --full 120)")
    Double maxSeconds;
    @Option(names = "--memory-steps", description = "steps of the memory case (default 500, --full 1000)")
    Integer memorySteps;
    @Option(names = "--memory-case", description = "network of the memory case: nb201_n1, nb201_n5, darts8,"
            + " laptop_search or tiny (C=4, batch 16) (default tiny, --full nb201_n1)")
    String memoryCase;
    @Option(names = "--pt-train-steps", description = "search steps that train the NB201 supernet before the PT"
            + " case's passes (default 10, --full 50)")
    Integer ptTrainSteps;
    @Option(names = "--pt-val-batches", defaultValue = "4", description = "validation batches of 64 per NB201 PT"
            + " measurement (default ${DEFAULT-VALUE})")
    int ptValBatches;
    @Option(names = "--pt-repeats", description = "timed passes per path, both PT cases (default 1, --full 3)")
    Integer ptRepeats;
    @Option(names = "--pt-darts-channels", description = "C of the DARTS PT case's supernet (default 8)")
    Integer ptDartsChannels;
    @Option(names = "--pt-darts-cells", description = "layers of the DARTS PT case (default 5, --full 8)")
    Integer ptDartsCells;
    @Option(names = "--pt-darts-batch", description = "batch of the DARTS PT case (default 8, --full 16)")
    Integer ptDartsBatch;
    @Option(names = "--pt-darts-train-steps", description = "search steps before the DARTS PT passes (default 5,"
            + " --full 10)")
    Integer ptDartsTrainSteps;
    @Option(names = "--pt-darts-val-batches", defaultValue = "1", description = "validation batches per DARTS PT"
            + " measurement (default ${DEFAULT-VALUE})")
    int ptDartsValBatches;
    @Option(names = "--kernel-repeats", description = "kernel cold starts (default 3, --full 10)")
    Integer kernelRepeats;
    @Option(names = "--data", description = "Fashion-MNIST directory of the PT cases (default: as ./lab search)")
    Path data;
    @Option(names = "--threads", defaultValue = "2", description = "PyTorch threads, both sides")
    int threads;
    @Option(names = "--python", defaultValue = "/usr/bin/python3")
    String python;
    @Option(names = "--reference-layouts", split = ",", defaultValue = StepRow.NCHW + "," + StepRow.CHANNELS_LAST,
            description = "layouts the reference runs each step case in (default ${DEFAULT-VALUE})")
    List<String> referenceLayouts;
    @Option(names = "--reference-channels-last", hidden = true,
            description = "older flag: the reference in channels-last only (same as --reference-layouts channels-last)")
    boolean referenceChannelsLast;
    @Option(names = "--reference-omp-wait-policy", defaultValue = "",
            description = "OMP_WAIT_POLICY of the reference (default: unset, OpenMP's own default)")
    String referenceOmpWaitPolicy;
    @Option(names = "--no-reference", description = "skip the PyTorch reference")
    boolean noReference;
    @Option(names = "--plan", description = "print the cases, their settings and estimated seconds, and run nothing")
    boolean planOnly;
    @Option(names = "--child-jvm-flags", split = " ", description = "extra JVM flags of the child JVM that runs each of"
            + " this side's cases (profiling, e.g. -XX:StartFlightRecording=filename=nb201.jfr,settings=profile)")
    List<String> childJvmFlags = new ArrayList<>();
    @Option(names = "--profile", paramLabel = "PREFIX", description = "after each step case's timed steps, profile"
            + " --profile-steps more on both sides with libtorch's op profiler (torch.profiler on the reference); writes"
            + " PREFIX.CASE.{ours,nchw,channels_last}.txt with the share of convolution, batch norm, memory moves,"
            + " mixing, other ops and time outside ops. Profiled steps are never timed.")
    Path profile;
    @Option(names = "--profile-steps", defaultValue = "3", description = "steps profiled per side and case"
            + " (default ${DEFAULT-VALUE})")
    int profileSteps;
    @Option(names = "--child", hidden = true, description = "run only this case, in this JVM (what a child JVM does)")
    String child;
    @Option(names = "--child-out", hidden = true, description = "where a child writes a step case's result")
    Path childOut;

    @Override
    public Integer call() throws Exception {
        resolveDefaults();
        for (String c : cases) {
            if (!STEP_CASES.contains(c) && !OTHER_CASES.contains(c)) {
                throw new IllegalArgumentException("unknown bench case '" + c + "'; expected one of "
                        + String.join(", ", STEP_CASES) + ", " + String.join(", ", OTHER_CASES));
            }
        }
        configFor(memoryCase);  // refuse a misspelt network before spending minutes on the cases before it
        for (String layout : referenceLayouts) {
            if (!layout.equals(StepRow.NCHW) && !layout.equals(StepRow.CHANNELS_LAST)) {
                throw new IllegalArgumentException("--reference-layouts: unknown layout '" + layout + "'; expected "
                        + StepRow.NCHW + " or " + StepRow.CHANNELS_LAST);
            }
        }
        ProgressReporters.setCurrent(ProgressReporters.silent());
        if (profile != null && profile.toAbsolutePath().getParent() != null) {
            Files.createDirectories(profile.toAbsolutePath().getParent());
        }
        if (child != null) {
            return runChild();
        }
        Map<String, Double> estimates = new LinkedHashMap<>();
        for (String c : cases) {
            estimates.put(c, estimate(c));
        }
        System.out.println("settings: warmup " + warmup + ", repeats " + repeats + ", max " + maxSeconds
                + " s per side and case" + (full ? " (--full)" : "") + "; reference layouts "
                + (noReference ? "none" : String.join(", ", referenceLayouts)) + "; memory case " + memoryCase + " x "
                + memorySteps + " steps; PT NB201 " + ptTrainSteps + " training steps, " + ptValBatches
                + " val batches, " + ptRepeats + " passes per path; PT DARTS C=" + ptDartsChannels + ", "
                + ptDartsCells + " layers, batch " + ptDartsBatch + ", " + ptDartsTrainSteps + " training steps, "
                + ptDartsValBatches + " val batches; kernel starts " + kernelRepeats);
        System.out.printf(Locale.ROOT, "plan: %s; about %.0f s in all on a quiet machine (rough; a loaded machine"
                        + " takes several times longer)%n", describe(estimates),
                estimates.values().stream().mapToDouble(Double::doubleValue).sum());
        if (planOnly) {
            return 0;
        }
        ai.djl.engine.Engine.getInstance();  // loads the engine before its thread count is set
        ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
        Path home = Path.of(System.getProperty("dnaslab.home", System.getenv().getOrDefault("DNASLAB_HOME", ".")));
        double peak = MatmulPeak.gflops(2048, 7);
        System.out.printf(Locale.ROOT, "fp32 matmul peak (2048^2, %d threads, DJL/PyTorch %s): %.1f GFLOP/s%n",
                threads, ai.djl.engine.Engine.getInstance().getVersion(), peak);
        System.out.println("dnaslab: memory layout " + org.dnaslab.ops.MemoryLayout.fromSystemProperty().name()
                .toLowerCase(Locale.ROOT) + ", OMP_WAIT_POLICY=" + System.getenv().getOrDefault("OMP_WAIT_POLICY", "unset"));
        List<StepRow> rows = new ArrayList<>();
        long benchStart = System.nanoTime();
        for (String c : cases) {
            System.out.printf(Locale.ROOT, "%n[bench] %s: budget about %.0f s%n", c, estimates.get(c));
            long caseStart = System.nanoTime();
            if (STEP_CASES.contains(c)) {
                StepRow row = stepCase(home, c);
                rows.add(row);
                System.out.println("[bench] " + StepTable.line(row) + (Double.isFinite(row.flops())
                        ? String.format(Locale.ROOT, "  (%.1f GFLOP/s, %.0f%% of the matmul peak)",
                        row.flops() / (row.ours().times().median() / 1000) / 1e9,
                        100 * row.flops() / (row.ours().times().median() / 1000) / 1e9 / peak) : ""));
            } else if (c.equals("kernel_start")) {
                kernelStart(home);
            } else {
                runChildJvm(c, null);
            }
            System.out.printf(Locale.ROOT, "[bench] %s took %.0f s (budget about %.0f s)%n", c,
                    (System.nanoTime() - caseStart) / 1e9, estimates.get(c));
        }
        if (!rows.isEmpty()) {
            System.out.println();
            System.out.print(StepTable.format(rows));
        }
        System.out.printf(Locale.ROOT, "bench took %.0f s (planned about %.0f s)%n", (System.nanoTime() - benchStart) / 1e9,
                estimates.values().stream().mapToDouble(Double::doubleValue).sum());
        return 0;
    }

    /** Fills every setting not given on the command line from the default or the --full set. */
    private void resolveDefaults() {
        warmup = pick(warmup, 1, 3);
        repeats = pick(repeats, 5, 15);
        maxSeconds = maxSeconds != null ? maxSeconds : full ? 120.0 : 30.0;
        memorySteps = pick(memorySteps, 500, 1000);
        memoryCase = memoryCase != null ? memoryCase : full ? "nb201_n1" : "tiny";
        ptTrainSteps = pick(ptTrainSteps, 10, 50);
        ptRepeats = pick(ptRepeats, 1, 3);
        ptDartsChannels = pick(ptDartsChannels, 8, 8);
        ptDartsCells = pick(ptDartsCells, 5, 8);
        ptDartsBatch = pick(ptDartsBatch, 8, 16);
        ptDartsTrainSteps = pick(ptDartsTrainSteps, 5, 10);
        kernelRepeats = pick(kernelRepeats, 3, 10);
        if (referenceChannelsLast) {
            referenceLayouts = List.of(StepRow.CHANNELS_LAST);
        }
    }

    private int pick(Integer given, int quick, int more) {
        return given != null ? given : full ? more : quick;
    }

    private double estimate(String c) {
        int layouts = noReference ? 0 : referenceLayouts.size();
        return switch (c) {
            case "pt" -> CaseEstimate.pt(ptTrainSteps, ptRepeats);
            case "pt_darts" -> CaseEstimate.ptDarts(ptDartsChannels, ptDartsCells, ptDartsBatch, ptDartsTrainSteps,
                    ptDartsValBatches, ptRepeats);
            case "memory" -> CaseEstimate.memory(memoryCase, memorySteps);
            case "kernel_start" -> CaseEstimate.kernelStart(kernelRepeats);
            default -> CaseEstimate.stepCase(c, warmup, repeats, maxSeconds, layouts);
        };
    }

    private static String describe(Map<String, Double> estimates) {
        List<String> parts = new ArrayList<>();
        estimates.forEach((c, s) -> parts.add(String.format(Locale.ROOT, "%s ~%.0f s", c, s)));
        return String.join(", ", parts);
    }

    // ---- step cases: the reference in each layout, then this side, each in a fresh process ----

    private StepRow stepCase(Path home, String c) throws Exception {
        // Case by case, the reference first and then this side, so that a drift in machine load over the run
        // (shared VMs drift a lot) hits both sides of a ratio alike.
        Map<String, StepRow.Side> refs = new LinkedHashMap<>();
        double flops = Double.NaN;
        long refParams = -1;
        if (!noReference) {
            for (String layout : referenceLayouts) {
                CpuSteal steal = CpuSteal.start();
                JsonNode ref = runReference(home, c, layout).get(c);
                double stealPct = steal.percent();
                refs.put(layout, new StepRow.Side(new Medians(ref.get("median_ms").asDouble(),
                        ref.get("p10_ms").asDouble(), ref.get("p90_ms").asDouble(), ref.get("repeats").asInt()),
                        number(ref, "peak_rss_mib"), stealPct));
                flops = number(ref, "flops_per_step");
                refParams = ref.has("params") ? ref.get("params").asLong() : -1;
            }
        }
        CpuSteal steal = CpuSteal.start();
        JsonNode ours = runChildJvm(c, stepArgs());
        double stealPct = steal.percent();
        double[] times = new double[ours.get("times_ms").size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = ours.get("times_ms").get(i).asDouble();
        }
        long params = ours.has("params") ? ours.get("params").asLong() : -1;
        if (params >= 0 && refParams >= 0 && params != refParams) {
            System.out.println("[bench] " + c + ": WARNING the networks differ: " + params + " weights here, "
                    + refParams + " in the reference");
        }
        return new StepRow(c, new StepRow.Side(Medians.of(times), number(ours, "peak_rss_mib"), stealPct), refs, flops);
    }

    private List<String> stepArgs() {
        List<String> args = new ArrayList<>(List.of("--warmup", String.valueOf(warmup), "--repeats",
                String.valueOf(repeats), "--max-seconds", String.valueOf(maxSeconds)));
        args.addAll(profileArgs());
        return args;
    }

    /** The profiling options a child JVM or the reference gets: none unless --profile was given. */
    private List<String> profileArgs() {
        return profile == null ? List.of() : List.of("--profile", profile.toAbsolutePath().toString(),
                "--profile-steps", String.valueOf(profileSteps));
    }

    private static double number(JsonNode node, String field) {
        return node.has(field) && node.get(field).isNumber() ? node.get(field).asDouble() : Double.NaN;
    }

    /**
     * Runs {@code c} in a fresh JVM ({@link ChildJvm}); a step case's result comes back as JSON, the other cases
     * print their own lines.
     */
    private JsonNode runChildJvm(String c, List<String> extra) throws Exception {
        File out = File.createTempFile("dnaslab-bench-" + c, ".json");
        out.deleteOnExit();
        List<String> args = new ArrayList<>(List.of("bench", "--child", c, "--child-out", out.getPath(),
                "--threads", String.valueOf(threads), "--memory-steps", String.valueOf(memorySteps),
                "--memory-case", memoryCase, "--pt-train-steps", String.valueOf(ptTrainSteps),
                "--pt-val-batches", String.valueOf(ptValBatches), "--pt-repeats", String.valueOf(ptRepeats),
                "--pt-darts-channels", String.valueOf(ptDartsChannels), "--pt-darts-cells", String.valueOf(ptDartsCells),
                "--pt-darts-batch", String.valueOf(ptDartsBatch), "--pt-darts-train-steps",
                String.valueOf(ptDartsTrainSteps), "--pt-darts-val-batches", String.valueOf(ptDartsValBatches)));
        if (data != null) {
            args.addAll(List.of("--data", data.toString()));
        }
        if (extra != null) {
            args.addAll(extra);
        }
        List<String> cmd = ChildJvm.command(LabCommand.class.getName(), args);
        if (!childJvmFlags.isEmpty()) {
            cmd.addAll(1, childJvmFlags.stream().filter(f -> !f.isBlank()).toList());
        }
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        int code = p.waitFor();
        if (code != 0) {
            throw new IllegalStateException("the child JVM of bench case " + c + " failed with exit code " + code);
        }
        String text = Files.readString(out.toPath());
        return text.isBlank() ? null : Json.treeLenient(text, "the child JVM's result " + out);
    }

    /** The child side: one case in this JVM. */
    private int runChild() throws Exception {
        ai.djl.engine.Engine.getInstance();
        ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
        switch (child) {
            case "pt" -> pt();
            case "pt_darts" -> ptDarts();
            case "memory" -> memory();
            case "kernel_start" -> throw new IllegalArgumentException("kernel_start runs from the bench itself");
            default -> {
                StepBudget budget = new StepBudget(warmup, repeats, maxSeconds);
                Map<String, Object> result = new LinkedHashMap<>();
                long params = -1;
                double[] times;
                StepProfiler profiler = profile == null ? StepProfiler.none()
                        : StepProfiler.of(profile, child, profileSteps);
                if (child.equals("gt_train")) {
                    ScratchStepBench.Result r = ScratchStepBench.run(budget, profiler);
                    times = r.millis();
                    params = r.params();
                } else {
                    times = SearchStepBench.run(configFor(child), budget, null, profiler);
                }
                result.put("times_ms", Arrays.stream(times).boxed().toList());
                result.put("warmup", budget.warmupDone());
                result.put("params", params);
                // the whole JVM: heap and native engine memory, model build and every step of this case
                result.put("peak_rss_mib", ResidentMemory.peakMiB());
                if (childOut == null) {
                    throw new IllegalArgumentException("--child needs --child-out for a step case");
                }
                Json.write(childOut, result);
            }
        }
        return 0;
    }

    private void pt() {
        ImageDataset train = fashionMnistTrain();
        CpuSteal steal = CpuSteal.start();
        PtPassBench.Result r = PtPassBench.run(configFor("nb201_n1"), train, ptTrainSteps, ptValBatches, ptRepeats);
        printPt("pt", r, steal.percent(), "NB201 C=16 N=1");
    }

    private void ptDarts() {
        ImageDataset train = fashionMnistTrain();
        SearchConfig config = SearchConfig.builder().setSpace("darts").optChannels(ptDartsChannels)
                .optCells(ptDartsCells).optBatchSize(ptDartsBatch).setEpochs(1).build();
        CpuSteal steal = CpuSteal.start();
        PtPassBench.Result r = PtPassBench.run(config, train, ptDartsTrainSteps, ptDartsValBatches, ptRepeats);
        printPt("pt_darts", r, steal.percent(), "DARTS C=" + ptDartsChannels + " " + ptDartsCells + " layers batch "
                + ptDartsBatch);
    }

    private ImageDataset fashionMnistTrain() {
        return (data == null ? FashionMnist.load() : FashionMnist.load(data)).train();
    }

    private static void printPt(String label, PtPassBench.Result r, double stealPct, String network) {
        System.out.printf(Locale.ROOT, "%-10s naive %8.1f ms ±%4.0f  fast %8.1f ms ±%4.0f  speed-up x%.2f  decisions %s"
                        + " (%s trained %d steps; one op pass over %d edges, %d val images; %d passes each;"
                        + " steal %.1f%%; peak RSS %.0f MiB)%n",
                label, r.naive().median(), r.naive().halfSpread(), r.fast().median(), r.fast().halfSpread(),
                r.speedUp(), r.agreement().describe(), network, r.trainSteps(), r.fastSelection().decisions().size(),
                r.images(), r.fast().n(), stealPct, ResidentMemory.peakMiB());
        System.out.println("           chosen: " + r.fastSelection().architecture());
        if (!r.agreement().identical()) {
            System.out.println("           naive chose: " + r.naiveSelection().architecture());
        }
    }

    private void memory() {
        Map<Integer, Double> rss = new LinkedHashMap<>();
        int first = Math.min(50, Math.max(1, memorySteps / 4));
        SearchStepBench.run(configFor(memoryCase), 0, memorySteps, steps -> {
            if (steps == first || steps == memorySteps / 2 || steps == memorySteps) {
                System.gc();
                rss.put(steps, ResidentMemory.currentMiB());
            }
        });
        double atFirst = rss.getOrDefault(first, Double.NaN);
        double atEnd = rss.getOrDefault(memorySteps, Double.NaN);
        System.out.printf(Locale.ROOT, "memory (" + memoryCase + " search steps, fresh JVM): RSS after %d steps %.0f MiB,"
                        + " after %d %.0f MiB, after %d %.0f MiB (%+.1f%%); peak RSS %.0f MiB%n", first, atFirst,
                memorySteps / 2, rss.getOrDefault(memorySteps / 2, Double.NaN), memorySteps, atEnd,
                100 * (atEnd - atFirst) / atFirst, ResidentMemory.peakMiB());
    }

    static SearchConfig configFor(String c) {
        return switch (c) {
            case "nb201_n1" -> SearchConfig.builder().setSpace("nb201").optCells(1).setEpochs(1).build();
            case "nb201_n5" -> SearchConfig.builder().setSpace("nb201").optCells(5).setEpochs(1).build();
            case "darts8" -> SearchConfig.builder().setSpace("darts").optCells(8).setEpochs(1).build();
            // the notebooks' default budget: C 8, N 1, batch 64
            case "laptop_search" -> Budget.laptop().searchConfig().setEpochs(1).build();
            case "tiny" -> SearchConfig.builder().setSpace("nb201").optChannels(4).optCells(1).optBatchSize(16)
                    .setEpochs(1).build();
            default -> throw new IllegalArgumentException("unknown search-step network '" + c
                    + "'; expected nb201_n1, nb201_n5, darts8, laptop_search or tiny");
        };
    }

    // ---- the reference and the kernel, both Python ----

    private JsonNode runReference(Path home, String c, String layout) throws Exception {
        Path script = script(home, "bench/reference.py");
        File out = File.createTempFile("dnaslab-reference", ".json");
        out.deleteOnExit();
        List<String> cmd = new ArrayList<>(List.of(python, script.toString(), "--threads", String.valueOf(threads),
                "--warmup", String.valueOf(warmup), "--repeats", String.valueOf(repeats), "--max-seconds",
                String.valueOf(maxSeconds), "--cases", c, "--json", out.getPath()));
        if (layout.equals(StepRow.CHANNELS_LAST)) {
            cmd.add("--channels-last");
        }
        cmd.addAll(profileArgs());
        System.out.println("reference: " + String.join(" ", cmd) + "  (OMP_WAIT_POLICY="
                + (referenceOmpWaitPolicy.isEmpty() ? "unset" : referenceOmpWaitPolicy) + ")");
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        // The reference runs as a user would run it, with OpenMP's default wait policy, even when this side was
        // started with another one (see bench/README, "Threads").
        // Likewise glibc's own arena count, which ./lab sets for its JVMs (MALLOC_ARENA_MAX=2).
        pb.environment().remove("MALLOC_ARENA_MAX");
        if (referenceOmpWaitPolicy.isEmpty()) {
            pb.environment().remove("OMP_WAIT_POLICY");
        } else {
            pb.environment().put("OMP_WAIT_POLICY", referenceOmpWaitPolicy);
        }
        int code = pb.start().waitFor();
        if (code != 0) {
            throw new IllegalStateException("the PyTorch reference failed with exit code " + code);
        }
        // Python's json module writes a NaN timing as a bare NaN token: another program's format, read leniently.
        JsonNode result = Json.treeLenient(Files.readString(out.toPath()), "the reference's output " + out);
        if (result.get(c) == null) {
            throw new IllegalStateException("the reference's output " + out + " has no case " + c);
        }
        return result;
    }

    private void kernelStart(Path home) throws Exception {
        Path script = script(home, "bench/kernel_start.py");
        File out = File.createTempFile("dnaslab-kernel-start", ".json");
        out.deleteOnExit();
        List<String> cmd = List.of(python, script.toString(), "--repeats", String.valueOf(kernelRepeats),
                "--threads", String.valueOf(threads), "--json", out.getPath());
        System.out.println("kernel: " + String.join(" ", cmd));
        CpuSteal steal = CpuSteal.start();
        int code = new ProcessBuilder(cmd).inheritIO().start().waitFor();
        double stealPct = steal.percent();
        if (code != 0) {
            throw new IllegalStateException("the kernel start case failed with exit code " + code
                    + " (is kernel/target/dnaslab-kernel.jar built?)");
        }
        JsonNode r = Json.treeLenient(Files.readString(out.toPath()), "the kernel start output " + out);
        JsonNode first = r.get("first_cell");
        JsonNode ready = r.get("ready");
        System.out.printf(Locale.ROOT, "%-12s start -> first cell's reply %7.0f ms ±%4.0f (min %.0f, max %.0f);"
                        + " start -> kernel_info %7.0f ms; first start %.0f ms; %d starts; load %.1f; steal %.1f%%%n",
                "kernel_start", first.get("median_ms").asDouble(),
                (first.get("p90_ms").asDouble() - first.get("p10_ms").asDouble()) / 2, first.get("min_ms").asDouble(),
                first.get("max_ms").asDouble(), ready.get("median_ms").asDouble(), number(r, "first_start_ms"),
                r.get("repeats").asInt(), number(r, "loadavg_1min_before"), stealPct);
    }

    private static Path script(Path home, String relative) {
        Path script = home.resolve(relative);
        if (!Files.isRegularFile(script)) {
            throw new IllegalArgumentException("no " + relative + " at " + script + " (run from the repository root)");
        }
        return script;
    }
}
