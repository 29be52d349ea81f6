package org.dnaslab.sweep;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.spark.api.java.function.Function;
import org.dnaslab.evaluate.GroundTruth;
import org.dnaslab.evaluate.GroundTruthHeader;
import org.dnaslab.evaluate.GroundTruthRow;
import org.dnaslab.evaluate.TrainingProtocol;
import org.dnaslab.search.Seeds;
import org.dnaslab.space.Architecture;
import org.dnaslab.space.Nb201Canonical;

/**
 * Builds or extends a {@link GroundTruth} table: the first {@code cells} of a fixed uniform shuffle of
 * {@link Nb201Canonical#uniqueCells()} (so a rerun with more cells extends the same sample), seed 0 for each, seeds
 * 1..{@code seeds − 1} on the first {@code multiSeedCells} of them, plus any cells named explicitly (all seeds). Trainings the
 * table already holds are not even scheduled; the others run as one Spark task each through {@link TrainOne}, which
 * skips any the result store holds. The table is rewritten (atomically) after every chunk of tasks, so an
 * interrupted build keeps what it finished.
 *
 * @param table          the table file (created if missing)
 * @param protocol       the protocol, seed 0 (an existing table must have the same)
 * @param cells          cells of the uniform sample
 * @param seeds          seeds 0..seeds−1 on the multi-seed cells
 * @param multiSeedCells how many of the sample's first cells get every seed
 * @param extra          cells to include besides the sample (e.g. ones a notebook selected), all seeds
 * @param data           the images
 * @param store          the result store directory
 * @param master         Spark master, null = default
 * @param chunk          tasks per Spark job; the table is written after each
 */
public record GroundTruthBuild(Path table, TrainingProtocol protocol, int cells, int seeds, int multiSeedCells,
                               List<Architecture> extra, DataSource data, Path store, String master, int chunk) {
    /** Fixes the sample: every run draws the same order of the canonical cells. */
    public static final long SAMPLE_SEED = 20_261_201L;
    private static final long PURPOSE_SAMPLE = 201;

    public GroundTruthBuild {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(protocol, "protocol");
        int unique = Nb201Canonical.uniqueCells().size();
        if (cells < 0 || cells > unique) {
            throw new IllegalArgumentException("--cells must be in [0, " + unique + "] (the canonical cells), got "
                    + cells);
        }
        if (seeds < 1) {
            throw new IllegalArgumentException("--seeds must be >= 1, got " + seeds);
        }
        if (multiSeedCells < 0) {
            throw new IllegalArgumentException("--multi-seed-cells must be >= 0, got " + multiSeedCells);
        }
        if (chunk < 1) {
            throw new IllegalArgumentException("--chunk must be >= 1, got " + chunk);
        }
        protocol = protocol.withSeed(0);
        extra = List.copyOf(extra);
    }

    /** The canonical cells in the fixed sample order; the table takes a prefix. */
    public static List<Architecture> sampleOrder() {
        List<Architecture> unique = Nb201Canonical.uniqueCells();
        int[] order = Seeds.shuffled(java.util.stream.IntStream.range(0, unique.size()).toArray(),
                Seeds.stream(SAMPLE_SEED, PURPOSE_SAMPLE, 0));
        List<Architecture> out = new ArrayList<>(unique.size());
        for (int i : order) {
            out.add(unique.get(i));
        }
        return out;
    }

    /**
     * Every training the table should hold, in the order they run: the named cells first (all seeds), then the
     * sample's cells in sample order, each with its seeds side by side, so a build stopped at any point has seed
     * pairs to measure seed noise on.
     */
    public List<TrainingTask> plannedTasks() {
        Map<String, Architecture> byKey = new LinkedHashMap<>();
        Map<String, Integer> seedsPerCell = new LinkedHashMap<>();
        for (Architecture a : extra) {
            String k = Nb201Canonical.key(a);
            byKey.putIfAbsent(k, Nb201Canonical.representative(a));
            seedsPerCell.put(k, seeds);
        }
        List<Architecture> sample = sampleOrder().subList(0, cells);
        for (int i = 0; i < sample.size(); i++) {
            String k = Nb201Canonical.key(sample.get(i));
            byKey.putIfAbsent(k, sample.get(i));
            seedsPerCell.merge(k, i < multiSeedCells ? seeds : 1, Math::max);
        }
        List<TrainingTask> tasks = new ArrayList<>();
        for (Map.Entry<String, Integer> e : seedsPerCell.entrySet()) {
            for (int s = 0; s < e.getValue(); s++) {
                tasks.add(TrainingTask.of(byKey.get(e.getKey()), protocol, s, data, store.toString()));
            }
        }
        return tasks;
    }

    /** The existing table, or an empty one with this build's protocol; a different protocol is refused. */
    public GroundTruth existing() {
        if (!Files.exists(table)) {
            return GroundTruth.of(GroundTruthHeader.now(protocol), List.of());
        }
        GroundTruth t = GroundTruth.load(table);
        if (!t.header().fingerprint().equals(protocol.fingerprint())) {
            throw new IllegalArgumentException("the table " + table + " holds protocol " + t.header().fingerprint()
                    + " (" + t.header().protocol().describe() + ") but this build trains protocol "
                    + protocol.fingerprint() + " (" + protocol.describe() + "); give another --table");
        }
        return t;
    }

    /** Runs the missing trainings on Spark and returns the extended table (also written to {@link #table}). */
    public GroundTruth run(PrintStream out) {
        return run(out, new TrainOne());
    }

    GroundTruth run(PrintStream out, Function<TrainingTask, TaskOutcome> function) {
        GroundTruth current = existing();
        List<TrainingTask> todo = new ArrayList<>();
        for (TrainingTask t : plannedTasks()) {
            GroundTruthRow r = rowFor(current, t);
            if (r == null || !r.accuracies().containsKey(t.seed())) {
                todo.add(t);
            }
        }
        out.println("[groundtruth] table " + table + ": " + current.coverage() + "; " + todo.size()
                + " trainings to run under protocol " + protocol.fingerprint() + " (" + protocol.describe() + ")");
        ProgressLog log = new ProgressLog(out, "groundtruth", todo.size());
        for (int from = 0; from < todo.size(); from += chunk) {
            List<TrainingTask> part = todo.subList(from, Math.min(todo.size(), from + chunk));
            List<String> labels = part.stream().map(t -> t.arch() + " seed " + t.seed()).toList();
            List<TaskOutcome> outcomes = SparkRunner.run(master, "dnaslab groundtruth", part, function, labels, log);
            current = merge(current, outcomes);
            current.write(table);
            double peak = outcomes.stream().mapToDouble(TaskOutcome::peakRssMiB).max().orElse(Double.NaN);
            out.println("[groundtruth] wrote " + table + ": " + current.coverage() + String.format(Locale.ROOT,
                    "; executor peak RSS %.0f MiB", peak));
        }
        if (todo.isEmpty() && !Files.exists(table)) {
            current.write(table);
        }
        return current;
    }

    private static GroundTruthRow rowFor(GroundTruth t, TrainingTask task) {
        Architecture a = task.architecture();
        return t.contains(a) ? t.row(a) : null;
    }

    /** The table with the outcomes added; the header is renewed (this machine, library and date). */
    GroundTruth merge(GroundTruth current, List<TaskOutcome> outcomes) {
        Map<String, GroundTruthRow> rows = new TreeMap<>();
        current.rows().forEach(r -> rows.put(r.key(), r));
        for (TaskOutcome o : outcomes) {
            GroundTruthRow r = rows.get(o.cellKey());
            if (r == null) {
                TreeMap<Long, Double> acc = new TreeMap<>();
                acc.put(o.seed(), o.accuracy());
                rows.put(o.cellKey(), new GroundTruthRow(o.cellKey(), Architecture.parseNb201(o.arch()), acc,
                        (long) o.params(), o.seconds(), protocol.fingerprint()));
            } else if (!r.accuracies().containsKey(o.seed())) {
                rows.put(o.cellKey(), r.withSeed(o.seed(), o.accuracy(), o.seconds()));
            }
        }
        return GroundTruth.of(GroundTruthHeader.now(protocol), rows.values());
    }
}
