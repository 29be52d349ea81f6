package org.dnaslab.evaluate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.dnaslab.data.FashionMnist;
import org.dnaslab.space.Architecture;
import org.dnaslab.space.Nb201Canonical;
import org.dnaslab.store.AtomicFiles;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The stand-alone accuracy of NB201 cells on Fashion-MNIST, looked up instead of retrained: the table that
 * {@code ./lab groundtruth} builds and the repository ships in {@value #DEFAULT_FILE}. Every lookup goes through
 * {@link Nb201Canonical#key}, so any cell of a class finds the row its representative was trained for.
 *
 * <pre>{@code
 * GroundTruth truth = GroundTruth.load();
 * double acc = truth.accuracy(selected);        // mean over the seeds trained
 * double pct = truth.percentile(selected);      // where it falls among the table's cells, 0..100
 * }</pre>
 *
 * <p><b>File format.</b> CSV, because Tablesaw and Spark both read it without extra libraries
 * ({@code CsvReadOptions.commentPrefix('#')}, {@code spark.read.option("comment", "#")}), and because a text file
 * that grows by rows diffs well in git (Parquet would be a binary blob per change). The file opens with {@code #}
 * lines recording the library version, the machine, the date, the protocol (fingerprint and JSON) and the seed
 * agreement; then a header line and one line per cell:
 * {@code key,arch,accuracy,accuracy_seed0[,accuracy_seed1…],params,seconds,protocol}. {@code accuracy} is the mean
 * over the seeds present; an empty {@code accuracy_seedN} means that seed was not trained for that cell.
 */
public final class GroundTruth {
    /** The shipped table, relative to the repository root. */
    public static final String DEFAULT_FILE = "data/groundtruth/nb201-fashion-mnist.csv";
    static final String SEED_COLUMN = "accuracy_seed";

    private final Path source;
    private final GroundTruthHeader header;
    private final Map<String, GroundTruthRow> rows;
    private final double[] sortedMeans;

    private GroundTruth(Path source, GroundTruthHeader header, Collection<GroundTruthRow> rows) {
        this.source = source;
        this.header = Objects.requireNonNull(header, "header");
        Map<String, GroundTruthRow> byKey = new TreeMap<>();
        for (GroundTruthRow r : rows) {
            if (!r.protocol().equals(header.fingerprint())) {
                throw new IllegalArgumentException("row " + r.key() + " was trained under protocol " + r.protocol()
                        + " but the table's protocol is " + header.fingerprint());
            }
            if (byKey.put(r.key(), r) != null) {
                throw new IllegalArgumentException("two rows for the canonical cell " + r.key());
            }
        }
        this.rows = Collections.unmodifiableMap(byKey);
        this.sortedMeans = byKey.values().stream().mapToDouble(GroundTruthRow::mean).sorted().toArray();
    }

    /** A table made in memory (the builder of the shipped table uses this, then {@link #write}). */
    public static GroundTruth of(GroundTruthHeader header, Collection<GroundTruthRow> rows) {
        return new GroundTruth(null, header, rows);
    }

    /**
     * The shipped table, {@value #DEFAULT_FILE} of the repository found by {@code -Ddnaslab.home},
     * {@code $DNASLAB_HOME}, or by walking up from the working directory to a directory holding {@code lab} and
     * {@code data/}.
     */
    public static GroundTruth load() {
        return load(defaultFile());
    }

    /** The default table's path (whether or not it exists yet). */
    public static Path defaultFile() {
        Path root = FashionMnist.repository().orElseThrow(() -> new UncheckedIOException(
                new NoSuchFileException(DEFAULT_FILE, null, "no repository (a directory holding 'lab' and 'data/') at or"
                        + " above " + Path.of("").toAbsolutePath() + "; set -Ddnaslab.home or $DNASLAB_HOME")));
        return root.resolve(DEFAULT_FILE);
    }

    /**
     * Reads a table file.
     *
     * @throws UncheckedIOException if it cannot be read
     * @throws IllegalArgumentException naming the file, line and field of the first malformed entry
     */
    public static GroundTruth load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("no ground-truth table at " + file + "; build it with ./lab groundtruth", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the ground-truth table " + file + ": " + e.getMessage(), e);
        }
        GroundTruthCsv.Parsed parsed = GroundTruthCsv.parse(file, lines);
        return new GroundTruth(file, parsed.header(), parsed.rows());
    }

    /** Writes the table to {@code file} atomically, header comments (with the current seed agreement) included. */
    public void write(Path file) {
        AtomicFiles.writeString(file, GroundTruthCsv.format(this));
    }

    /** Where the table was read from, or null if it was made in memory. */
    public Path source() {
        return source;
    }

    /** Where the table comes from: library version, machine, date and the training protocol (seed 0) of every row. */
    public GroundTruthHeader header() {
        return header;
    }

    /** The rows in canonical-key order. */
    public Collection<GroundTruthRow> rows() {
        return rows.values();
    }

    /** Whether the cell's class has a row. */
    public boolean contains(Architecture cell) {
        return rows.containsKey(Nb201Canonical.key(cell));
    }

    /**
     * The row of the cell's class.
     *
     * @throws java.util.NoSuchElementException saying the cell is not in the table and giving the command that adds it
     */
    public GroundTruthRow row(Architecture cell) {
        String key = Nb201Canonical.key(cell);
        GroundTruthRow r = rows.get(key);
        if (r == null) {
            throw new java.util.NoSuchElementException("the cell " + cell.toNb201String() + " (canonical key " + key
                    + ") is not in the ground-truth table " + (source != null ? source : "(in memory)") + ", which has "
                    + rows.size() + " of " + Nb201Canonical.uniqueCells().size() + " canonical cells; add it with: "
                    + addCommand(cell));
        }
        return r;
    }

    /** The command that trains the cell into the shipped table. */
    public static String addCommand(Architecture cell) {
        return "./lab groundtruth --arch '" + cell.toNb201String() + "'";
    }

    /** Mean stand-alone test accuracy of the cell's class over the seeds trained. */
    public double accuracy(Architecture cell) {
        return row(cell).mean();
    }

    /** Test accuracy per training seed. */
    public Map<Long, Double> accuracies(Architecture cell) {
        return row(cell).accuracies();
    }

    /**
     * Where the cell falls among the table's cells by mean accuracy, 0 (worst) to 100 (best): the share of the other
     * cells it beats, ties counting half. 50 for a table of one cell.
     */
    public double percentile(Architecture cell) {
        return percentileOf(accuracy(cell));
    }

    /** {@link #percentile} of an accuracy that one of the table's cells has. */
    double percentileOf(double accuracy) {
        int n = sortedMeans.length;
        if (n == 1) {
            return 50;
        }
        int below = lowerBound(accuracy);
        int equal = upperBound(accuracy) - below;
        // The cell itself is one of the equal ones.
        return 100.0 * (below + 0.5 * (equal - 1)) / (n - 1);
    }

    private int lowerBound(double v) {
        int lo = 0;
        int hi = sortedMeans.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sortedMeans[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int upperBound(double v) {
        int lo = 0;
        int hi = sortedMeans.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sortedMeans[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** How much of the canonical space the table covers, and how many of its cells have several seeds. */
    public Coverage coverage() {
        int multi = (int) rows.values().stream().filter(r -> r.accuracies().size() > 1).count();
        int trainings = rows.values().stream().mapToInt(r -> r.accuracies().size()).sum();
        return new Coverage(rows.size(), Nb201Canonical.uniqueCells().size(), multi, trainings);
    }

    /**
     * @param cells          canonical cells in the table
     * @param canonicalCells canonical cells of the NB201 space (4,660)
     * @param multiSeedCells cells trained under more than one seed
     * @param trainings      trainings behind the table (cells × their seeds)
     */
    public record Coverage(int cells, int canonicalCells, int multiSeedCells, int trainings) {
        /** Share of the canonical space in the table, in [0, 1]. */
        public double fraction() {
            return (double) cells / canonicalCells;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d of %d canonical cells (%.1f%%), %d with several seeds, %d trainings",
                    cells, canonicalCells, 100 * fraction(), multiSeedCells, trainings);
        }
    }

    /** The seeds that occur in any row, in order. */
    public SortedSet<Long> seeds() {
        SortedSet<Long> s = new TreeSet<>();
        rows.values().forEach(r -> s.addAll(r.accuracies().keySet()));
        return s;
    }

    /**
     * How well two seeds agree over the cells trained under both: Kendall's τ-b between their accuracies and the
     * standard deviation of one training's accuracy (from the per-cell differences: sd(a − b) / √2).
     *
     * @return null when fewer than 3 cells have both seeds
     */
    public SeedAgreement seedAgreement(long seedA, long seedB) {
        Map<String, Double> a = new LinkedHashMap<>();
        Map<String, Double> b = new LinkedHashMap<>();
        List<Double> diffs = new ArrayList<>();
        for (GroundTruthRow r : rows.values()) {
            Double x = r.accuracies().get(seedA);
            Double y = r.accuracies().get(seedB);
            if (x != null && y != null) {
                a.put(r.key(), x);
                b.put(r.key(), y);
                diffs.add(x - y);
            }
        }
        if (diffs.size() < 3) {
            return null;
        }
        SampleStats d = SampleStats.of(diffs);
        double meanAbs = diffs.stream().mapToDouble(Math::abs).average().orElseThrow();
        return new SeedAgreement(seedA, seedB, diffs.size(), RankCorrelation.kendallTau(a, b),
                d.std() / Math.sqrt(2), meanAbs);
    }

    /**
     * @param cells          cells trained under both seeds
     * @param kendallTau     Kendall's τ-b between the two seeds' accuracies
     * @param seedNoise      standard deviation of one training's test accuracy across seeds
     * @param meanAbsoluteDifference mean |accuracy(seed a) − accuracy(seed b)|
     */
    public record SeedAgreement(long seedA, long seedB, int cells, double kendallTau, double seedNoise,
                                double meanAbsoluteDifference) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "seeds %d and %d on %d cells: Kendall tau %.3f, seed noise (sd of one "
                    + "training) %.4f, mean |difference| %.4f", seedA, seedB, cells, kendallTau, seedNoise,
                    meanAbsoluteDifference);
        }
    }

    /**
     * The table as Tablesaw sees it: {@code key, arch, accuracy, accuracy_seed<s>} for every seed (missing where
     * not trained), {@code params, seconds, protocol}, plus {@code percentile}.
     */
    public Table table() {
        List<Long> seeds = List.copyOf(seeds());
        StringColumn key = StringColumn.create("key");
        StringColumn arch = StringColumn.create("arch");
        DoubleColumn mean = DoubleColumn.create("accuracy");
        List<DoubleColumn> perSeed = seeds.stream().map(s -> DoubleColumn.create(SEED_COLUMN + s)).toList();
        LongColumn params = LongColumn.create("params");
        DoubleColumn seconds = DoubleColumn.create("seconds");
        StringColumn protocol = StringColumn.create("protocol");
        DoubleColumn percentile = DoubleColumn.create("percentile");
        for (GroundTruthRow r : rows.values()) {
            key.append(r.key());
            arch.append(r.cell().toNb201String());
            mean.append(r.mean());
            for (int i = 0; i < seeds.size(); i++) {
                Double a = r.accuracies().get(seeds.get(i));
                if (a == null) {
                    perSeed.get(i).appendMissing();
                } else {
                    perSeed.get(i).append(a);
                }
            }
            params.append(r.params());
            seconds.append(r.seconds());
            protocol.append(r.protocol());
            percentile.append(percentileOf(r.mean()));
        }
        Table t = Table.create("ground truth (" + header.fingerprint() + ")", key, arch, mean);
        perSeed.forEach(t::addColumns);
        return t.addColumns(params, seconds, protocol, percentile);
    }

    /** Min, median and max of the cells' mean accuracies, or null for an empty table. */
    public double[] accuracyRange() {
        if (sortedMeans.length == 0) {
            return null;
        }
        int n = sortedMeans.length;
        double median = n % 2 == 1 ? sortedMeans[n / 2] : (sortedMeans[n / 2 - 1] + sortedMeans[n / 2]) / 2;
        return new double[] {sortedMeans[0], median, sortedMeans[n - 1]};
    }

    @Override
    public String toString() {
        return "GroundTruth(" + coverage() + ", protocol " + header.fingerprint()
                + (source != null ? ", " + source : "") + ")";
    }
}
