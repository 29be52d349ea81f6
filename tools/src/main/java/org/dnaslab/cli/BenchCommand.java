package org.dnaslab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.dnaslab.report.CpuSteal;
import org.dnaslab.bench.MatmulPeak;
import org.dnaslab.bench.PtPassBench;
import org.dnaslab.data.FashionMnist;
import org.dnaslab.data.ImageDataset;
import org.dnaslab.bench.Medians;
import org.dnaslab.report.ResidentMemory;
import org.dnaslab.bench.SearchStepBench;
import org.dnaslab.progress.ProgressReporters;
import org.dnaslab.search.SearchConfig;
import org.dnaslab.store.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ./lab bench}: speed and memory side by side with the PyTorch reference ({@code bench/reference.py} on
 * Debian's python3-torch), measured in the same run with the same thread count.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Search-step speed vs the PyTorch reference, matmul peak share, and native memory over steps.")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--cases", split = ",", defaultValue = "nb201_n1,nb201_n5,darts8,pt,memory",
            description = "cases to run (default ${DEFAULT-VALUE})")
    List<String> cases;
    @Option(names = "--warmup", defaultValue = "3")
    int warmup;
    @Option(names = "--repeats", defaultValue = "15")
    int repeats;
    @Option(names = "--memory-steps", defaultValue = "1000", description = "steps of the memory case")
    int memorySteps;
    @Option(names = "--memory-case", defaultValue = "nb201_n1",
            description = "network of the memory case: nb201_n1, nb201_n5, darts8 or tiny (C=4, batch 16)")
    String memoryCase;
    @Option(names = "--pt-train-steps", defaultValue = "50",
            description = "search steps that train the NB201 supernet before the PT case's selection passes")
    int ptTrainSteps;
    @Option(names = "--pt-val-batches", defaultValue = "4", description = "validation batches of 64 per PT measurement")
    int ptValBatches;
    @Option(names = "--pt-repeats", defaultValue = "3", description = "timed passes per path in the PT case")
    int ptRepeats;
    @Option(names = "--data", description = "Fashion-MNIST directory of the PT case (default: as ./lab search)")
    Path data;
    @Option(names = "--threads", defaultValue = "2", description = "PyTorch threads, both sides")
    int threads;
    @Option(names = "--python", defaultValue = "/usr/bin/python3")
    String python;
    @Option(names = "--reference-channels-last",
            description = "run the reference in torch.channels_last too (this project's layout), not PyTorch's default")
    boolean referenceChannelsLast;
    @Option(names = "--reference-omp-wait-policy", defaultValue = "",
            description = "OMP_WAIT_POLICY of the reference (default: unset, OpenMP's own default)")
    String referenceOmpWaitPolicy;
    @Option(names = "--no-reference", description = "skip the PyTorch reference")
    boolean noReference;

    @Override
    public Integer call() throws Exception {
        List<String> stepCases = new ArrayList<>();
        for (String c : cases) {
            if (!c.equals("memory") && !c.equals("pt")) {
                stepCases.add(c);
            }
        }
        // refuse a misspelt case before spending minutes on the ones before it
        stepCases.forEach(BenchCommand::configFor);
        configFor(memoryCase);
        ProgressReporters.setCurrent(ProgressReporters.silent());
        ai.djl.engine.Engine.getInstance();  // loads the engine before its thread count is set
        ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
        Path home = Path.of(System.getProperty("dnaslab.home", System.getenv().getOrDefault("DNASLAB_HOME", ".")));
        double peak = MatmulPeak.gflops(2048, 7);
        System.out.printf(Locale.ROOT, "fp32 matmul peak (2048^2, %d threads, DJL/PyTorch %s): %.1f GFLOP/s%n",
                threads, ai.djl.engine.Engine.getInstance().getVersion(), peak);
        System.out.println("dnaslab: memory layout " + org.dnaslab.ops.MemoryLayout.fromSystemProperty().name()
                .toLowerCase(Locale.ROOT) + ", OMP_WAIT_POLICY=" + System.getenv().getOrDefault("OMP_WAIT_POLICY", "unset"));
        // Case by case, the reference first and then this side, so that a drift in machine load over the run
        // (shared VMs drift a lot) hits both sides of a ratio alike.
        List<String> rows = new ArrayList<>();
        for (String c : stepCases) {
            CpuSteal refSteal = CpuSteal.start();
            JsonNode ref = noReference ? null : runReference(home, List.of(c)).get(c);
            double refStealPct = refSteal.percent();
            CpuSteal ourSteal = CpuSteal.start();
            Medians ours = Medians.of(SearchStepBench.run(configFor(c), warmup, repeats, null));
            double ourStealPct = ourSteal.percent();
            double refMs = ref == null ? Double.NaN : ref.get("median_ms").asDouble();
            double flops = ref == null || ref.get("flops_per_step") == null ? Double.NaN
                    : ref.get("flops_per_step").asDouble();
            double gflops = flops / (ours.median() / 1000) / 1e9;
            rows.add(String.format(Locale.ROOT, "%-10s %8.1f ±%4.0f %8.1f ±%4.0f %8.2f %10.1f %7.0f%% %7.1f%% %6.1f%%",
                    c, ours.median(), ours.halfSpread(), refMs, ref == null ? Double.NaN
                            : (ref.get("p90_ms").asDouble() - ref.get("p10_ms").asDouble()) / 2,
                    ours.median() / refMs, gflops, 100 * gflops / peak, ourStealPct, refStealPct));
            System.out.println("[bench] " + rows.get(rows.size() - 1));
        }
        if (!rows.isEmpty()) {
            System.out.printf(Locale.ROOT, "%n%-10s %14s %14s %8s %10s %8s %8s %7s%n", "case", "dnaslab ms", "pytorch ms",
                    "ratio", "GFLOP/s", "of peak", "steal", "(ref)");
            rows.forEach(System.out::println);
            System.out.println("(medians ± half the p10–p90 spread; steal = CPU time the hypervisor gave to other guests"
                    + " during each side's case: compare ratios only where both are low)");
        }
        if (cases.contains("pt")) {
            pt();
        }
        if (cases.contains("memory")) {
            memory();
        }
        return 0;
    }

    private void pt() {
        ImageDataset train = (data == null ? FashionMnist.load() : FashionMnist.load(data)).train();
        CpuSteal steal = CpuSteal.start();
        PtPassBench.Result r = PtPassBench.run(configFor("nb201_n1"), train, ptTrainSteps, ptValBatches, ptRepeats);
        double stealPct = steal.percent();
        System.out.printf(Locale.ROOT, "%-10s naive %8.1f ms ±%4.0f  fast %8.1f ms ±%4.0f  speed-up x%.2f  decisions %s"
                        + " (NB201 C=16 N=1 trained %d steps; one op pass over %d edges, %d val images; %d passes each;"
                        + " steal %.1f%%)%n",
                "pt", r.naive().median(), r.naive().halfSpread(), r.fast().median(), r.fast().halfSpread(), r.speedUp(), r.agreement().describe(),
                r.trainSteps(), r.fastSelection().decisions().size(), r.images(), r.fast().n(), stealPct);
        System.out.println("           chosen: " + r.fastSelection().architecture());
        if (!r.agreement().identical()) {
            System.out.println("           naive chose: " + r.naiveSelection().architecture());
        }
    }

    private void memory() {
        Map<Integer, Double> rss = new LinkedHashMap<>();
        SearchStepBench.run(configFor(memoryCase), 0, memorySteps, steps -> {
            if (steps == 50 || steps == memorySteps / 2 || steps == memorySteps) {
                System.gc();
                rss.put(steps, ResidentMemory.currentMiB());
            }
        });
        double at50 = rss.getOrDefault(50, Double.NaN);
        double atEnd = rss.getOrDefault(memorySteps, Double.NaN);
        System.out.printf(Locale.ROOT, "memory (" + memoryCase + " search steps): RSS after 50 steps %.0f MiB, after %d %.0f MiB,"
                        + " after %d %.0f MiB (%+.1f%%); peak RSS %.0f MiB%n", at50, memorySteps / 2,
                rss.getOrDefault(memorySteps / 2, Double.NaN), memorySteps, atEnd, 100 * (atEnd - at50) / at50,
                ResidentMemory.peakMiB());
    }

    static SearchConfig configFor(String c) {
        return switch (c) {
            case "nb201_n1" -> SearchConfig.builder().setSpace("nb201").optCells(1).setEpochs(1).build();
            case "nb201_n5" -> SearchConfig.builder().setSpace("nb201").optCells(5).setEpochs(1).build();
            case "darts8" -> SearchConfig.builder().setSpace("darts").optCells(8).setEpochs(1).build();
            case "tiny" -> SearchConfig.builder().setSpace("nb201").optChannels(4).optCells(1).optBatchSize(16)
                    .setEpochs(1).build();
            default -> throw new IllegalArgumentException("unknown bench case '" + c
                    + "'; expected nb201_n1, nb201_n5, darts8, pt or memory");
        };
    }

    private JsonNode runReference(Path home, List<String> stepCases) throws Exception {
        Path script = home.resolve("bench/reference.py");
        if (!Files.isRegularFile(script)) {
            throw new IllegalArgumentException("no PyTorch reference at " + script + " (run from the repository root)");
        }
        File out = File.createTempFile("dnaslab-reference", ".json");
        out.deleteOnExit();
        List<String> cmd = new ArrayList<>(List.of(python, script.toString(), "--threads", String.valueOf(threads),
                "--warmup", String.valueOf(warmup), "--repeats", String.valueOf(repeats), "--cases",
                String.join(",", stepCases), "--json", out.getPath()));
        if (referenceChannelsLast) {
            cmd.add("--channels-last");
        }
        System.out.println("reference: " + String.join(" ", cmd) + "  (OMP_WAIT_POLICY="
                + (referenceOmpWaitPolicy.isEmpty() ? "unset" : referenceOmpWaitPolicy) + ")");
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        // The reference runs as a user would run it, with OpenMP's default wait policy, even when this side was
        // started with another one (see bench/README, "Threads").
        if (referenceOmpWaitPolicy.isEmpty()) {
            pb.environment().remove("OMP_WAIT_POLICY");
        } else {
            pb.environment().put("OMP_WAIT_POLICY", referenceOmpWaitPolicy);
        }
        Process p = pb.start();
        int code = p.waitFor();
        if (code != 0) {
            throw new IllegalStateException("the PyTorch reference failed with exit code " + code);
        }
        // Python's json module writes a NaN timing as a bare NaN token: another program's format, read leniently.
        return Json.treeLenient(java.nio.file.Files.readString(out.toPath()), "the reference's output " + out);
    }
}
