package org.dnaslab.sweep;

import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dnaslab.report.CpuSteal;
import org.dnaslab.evaluate.TrainingProtocol;
import org.dnaslab.space.Architecture;
import org.dnaslab.space.Nb201Canonical;
import org.dnaslab.store.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./lab bench --cases sweep}: cells trained per hour under the ground-truth protocol, the same cells both
 * ways in one run: Spark {@code local[N]} with one PyTorch thread per task, and the serial runner with N threads.
 * Each way trains into a fresh store, so neither finds the other's results. Also projects the whole canonical
 * space's wall time on larger clusters from the measured core-seconds per cell.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Sweep throughput: Spark local[N] (1 thread/task) vs the serial runner (N threads), same cells.")
final class SweepBenchCommand implements Callable<Integer> {
    @Option(names = "--cases", defaultValue = "sweep", description = "only 'sweep' lives here")
    String cases;

    @Option(names = "--cells", defaultValue = "20", description = "cells of the ground-truth sample (default ${DEFAULT-VALUE})")
    int cells;

    @Option(names = "--cores", defaultValue = "2", description = "N: Spark local[N] and the serial runner's threads")
    int cores;

    @Option(names = "--out", defaultValue = "build/bench/sweep.json", description = "JSON summary")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!cases.equals("sweep")) {
            throw new IllegalArgumentException("--cases: the sweep module benches only 'sweep', got '" + cases + "'");
        }
        TrainingProtocol protocol = TrainingProtocol.groundTruth();
        // Cells from the far end of the sample, so the bench does not retrain what the table already holds.
        List<Architecture> all = GroundTruthBuild.sampleOrder();
        List<Architecture> sample = all.subList(all.size() - cells, all.size());
        Path scratch = Files.createTempDirectory("dnaslab-sweep-bench");
        DataSource data = DataSource.fashionMnist();
        data.load();
        ai.djl.engine.Engine.getInstance(); // loads libtorch, whose thread count is set below
        System.out.println("[bench sweep] " + cells + " cells, protocol " + protocol.fingerprint() + " ("
                + protocol.describe() + "), load " + loadAverage());

        List<SweepTask> sparkTasks = tasks(sample, protocol, data, scratch.resolve("spark"));
        JniUtils.setNumThreads(1);
        CpuSteal sparkSteal = CpuSteal.start();
        long t0 = System.nanoTime();
        SparkRunner.run("local[" + cores + "]", "dnaslab bench sweep", sparkTasks, new RunTask(),
                sparkTasks.stream().map(SweepTask::label).toList(), new ProgressLog(System.out, "spark", cells));
        double sparkSeconds = (System.nanoTime() - t0) / 1e9;

        List<SweepTask> serialTasks = tasks(sample, protocol, data, scratch.resolve("serial"));
        double sparkStealPercent = sparkSteal.percent();
        JniUtils.setNumThreads(cores);
        CpuSteal serialSteal = CpuSteal.start();
        t0 = System.nanoTime();
        SerialRunner.run(serialTasks, new RunTask(), new ProgressLog(System.out, "serial", cells));
        double serialSeconds = (System.nanoTime() - t0) / 1e9;
        double serialStealPercent = serialSteal.percent();

        double sparkPerHour = cells * 3600 / sparkSeconds;
        double serialPerHour = cells * 3600 / serialSeconds;
        double coreSecondsPerCell = sparkSeconds * cores / cells;
        int space = Nb201Canonical.uniqueCells().size();
        String summary = String.format(Locale.ROOT, "{\"cells\": %d, \"cores\": %d, \"protocol\": \"%s\", "
                        + "\"sparkSeconds\": %.1f, \"serialSeconds\": %.1f, \"sparkCellsPerHour\": %.1f, "
                        + "\"serialCellsPerHour\": %.1f, \"ratio\": %.3f, \"coreSecondsPerCell\": %.1f, "
                        + "\"wholeSpaceHours32Cores\": %.2f, \"wholeSpaceHours256Cores\": %.2f, \"sparkStealPercent\": %.1f, "
                        + "\"serialStealPercent\": %.1f, \"load\": \"%s\"}",
                cells, cores, protocol.fingerprint(), sparkSeconds, serialSeconds, sparkPerHour, serialPerHour,
                sparkPerHour / serialPerHour, coreSecondsPerCell, space * coreSecondsPerCell / 32 / 3600,
                space * coreSecondsPerCell / 256 / 3600, sparkStealPercent, serialStealPercent, loadAverage());
        System.out.println(String.format(Locale.ROOT, "[bench sweep] Spark local[%d], 1 thread/task: %.1f cells/h; "
                        + "serial, %d threads: %.1f cells/h; ratio %.2f. %.1f core-s per cell: the %d canonical cells "
                        + "take %.2f h on 32 cores, %.2f h on 256 (one seed). CPU steal %.1f%% / %.1f%%; load %s", cores, sparkPerHour, cores,
                serialPerHour, sparkPerHour / serialPerHour, coreSecondsPerCell, space,
                space * coreSecondsPerCell / 32 / 3600, space * coreSecondsPerCell / 256 / 3600, sparkStealPercent,
                serialStealPercent, loadAverage()));
        AtomicFiles.writeString(out, summary + "\n");
        return 0;
    }

    private static List<SweepTask> tasks(List<Architecture> cells, TrainingProtocol p, DataSource data, Path store) {
        List<SweepTask> out = new ArrayList<>();
        cells.forEach(c -> out.add(TrainingTask.of(c, p, 0, data, store.toString())));
        return out;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
