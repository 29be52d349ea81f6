package org.dnaslab.evaluate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.dnaslab.progress.Progress;
import org.dnaslab.progress.ProgressReporter;
import org.dnaslab.progress.ProgressReporters;
import org.dnaslab.store.ResultStore;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Runs a search method over several seeds and gathers what each found. Resumable like {@link RandomBaseline}: each
 * seed's result is stored under {@code method/<name>/seed-<s>} as soon as it is done, and a rerun skips it.
 *
 * <p>With {@link Builder#optRetrain} the architecture each seed found is also trained from scratch under a declared
 * protocol (stored under {@code method/<name>/seed-<s>/retrain-p-<protocol fingerprint>}), and that accuracy is
 * the one reported: the same protocol as the random baseline is what makes a relative improvement honest.
 *
 * <pre>{@code
 * MultiSeedRunner runner = MultiSeedRunner.builder().setStore(store).optRetrain(trainer, protocol).build();
 * MultiSeedRunner.Result darts = runner.run("darts", dartsMethod, MultiSeedRunner.seeds(3));
 * RelativeImprovement ri = darts.relativeTo(random);
 * }</pre>
 */
public final class MultiSeedRunner {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+=-]*");

    private final ResultStore store;
    private final ProgressReporter reporter;
    private final ArchitectureTrainer retrainer;
    private final TrainingProtocol retrainProtocol;

    private MultiSeedRunner(Builder b) {
        this.store = b.store;
        this.reporter = b.reporter;
        this.retrainer = b.retrainer;
        this.retrainProtocol = b.retrainProtocol;
    }

    /** Seeds 0, 1, ..., n − 1. */
    public static List<Long> seeds(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("need at least 1 seed, got " + n);
        }
        return LongStream.range(0, n).boxed().toList();
    }

    /** The result-store key of {@code method}'s search with {@code seed}. */
    public static String searchKey(String method, long seed) {
        return "method/" + method + "/seed-" + seed;
    }

    /**
     * The result-store key of retraining that search's architecture under {@code protocol} (by its fingerprint, so a
     * changed protocol trains again).
     */
    public static String retrainKey(String method, long seed, TrainingProtocol protocol) {
        return searchKey(method, seed) + "/retrain-p-" + protocol.fingerprint();
    }

    /**
     * Runs (or loads) {@code method} for each seed, in order; a failure stops the run after everything finished
     * before it was saved.
     *
     * @param name a short name for the method, used in store keys and the table ("darts", "darts-pt", "da2s")
     */
    public Result run(String name, SearchMethod method, List<Long> seeds) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("method name '" + name + "' must be letters, digits and . _ + = -, "
                    + "starting with a letter or digit");
        }
        Objects.requireNonNull(method, "method");
        if (seeds.isEmpty() || new LinkedHashSet<>(seeds).size() != seeds.size()) {
            throw new IllegalArgumentException("need distinct seeds, at least one, got " + seeds);
        }
        List<SeedRun> runs = new ArrayList<>();
        int computedNow = 0;
        String outcome = "failed";
        Progress outer = reporter.start(name + " over " + seeds.size() + " seeds", seeds.size());
        try {
            for (int i = 0; i < seeds.size(); i++) {
                long seed = seeds.get(i);
                String phase = "seed " + seed + " (" + (i + 1) + "/" + seeds.size() + ")";
                String key = searchKey(name, seed);
                MethodResult found = store.find(key, MethodResult.class).orElse(null);
                if (found == null) {
                    try (Progress inner = reporter.start(name + " " + phase, 0)) {
                        found = method.run(seed, inner);
                    }
                    if (found == null || found.seed() != seed) {
                        throw new IllegalStateException(name + " run with seed " + seed + " returned "
                                + (found == null ? "nothing" : "a result for seed " + found.seed()));
                    }
                    store.save(key, found);
                    computedNow++;
                } else if (found.seed() != seed) {
                    throw new IllegalStateException("record " + key + " (" + store.file(key) + ") holds seed " + found.seed());
                }
                TrainedResult retrained = null;
                if (retrainer != null) {
                    String rkey = retrainKey(name, seed, retrainProtocol);
                    retrained = store.find(rkey, TrainedResult.class).orElse(null);
                    if (retrained == null) {
                        try (Progress inner = reporter.start(name + " " + phase + " retrain", retrainProtocol.epochs())) {
                            retrained = retrainer.train(found.architecture(), retrainProtocol, inner);
                        }
                        if (retrained == null || !retrained.architecture().equals(found.architecture())
                                || !retrained.protocol().equals(retrainProtocol)) {
                            throw new IllegalStateException("retraining " + name + " seed " + seed
                                    + " returned a result for another architecture or protocol: " + retrained);
                        }
                        store.save(rkey, retrained);
                        computedNow++;
                    } else if (!retrained.architecture().equals(found.architecture())) {
                        throw new IllegalStateException("record " + rkey + " (" + store.file(rkey) + ") retrained "
                                + retrained.architecture() + " but seed " + seed + " found " + found.architecture());
                    }
                }
                SeedRun run = new SeedRun(name, seed, found, retrained);
                runs.add(run);
                outer.update(i + 1, phase, Map.of("acc", run.accuracy()));
            }
            outcome = "done";
        } finally {
            outer.finish(outcome + ", computed " + computedNow + " new record(s)");
        }
        return new Result(name, retrainProtocol, runs, computedNow);
    }

    /** A builder; see {@link Builder} for what is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Required: the store. Optional: retraining from scratch, and the progress reporter. */
    public static final class Builder {
        private ResultStore store;
        private ProgressReporter reporter;
        private ArchitectureTrainer retrainer;
        private TrainingProtocol retrainProtocol;

        private Builder() {
        }

        /** Where each seed's search and retraining are kept, and found again when the run is repeated (required). */
        public Builder setStore(ResultStore store) {
            this.store = store;
            return this;
        }

        /** Train each found architecture from scratch under {@code protocol} and report that accuracy. */
        public Builder optRetrain(ArchitectureTrainer trainer, TrainingProtocol protocol) {
            this.retrainer = Objects.requireNonNull(trainer, "trainer");
            this.retrainProtocol = Objects.requireNonNull(protocol, "protocol");
            return this;
        }

        /** Where progress goes (default: {@link ProgressReporters#current()} at build time). */
        public Builder optReporter(ProgressReporter reporter) {
            this.reporter = reporter;
            return this;
        }

        /** The runner; throws {@link IllegalStateException} when no store is set. */
        public MultiSeedRunner build() {
            if (store == null) {
                throw new IllegalStateException("multi-seed runner: not set: store (setStore)");
            }
            if (reporter == null) {
                reporter = ProgressReporters.current();
            }
            return new MultiSeedRunner(this);
        }
    }

    /**
     * One seed: what the search found and, when the runner retrains, its from-scratch training.
     *
     * @param retrained null unless the runner retrains
     */
    public record SeedRun(String method, long seed, MethodResult search, TrainedResult retrained) {

        /** The accuracy that counts: the from-scratch one when there is one, else the method's own. */
        public double accuracy() {
            return retrained != null ? retrained.testAccuracy() : search.accuracy();
        }
    }

    /**
     * All seeds of one method.
     *
     * @param protocol    the retraining protocol, or null when the method's own accuracies are reported
     * @param computedNow how many records (searches and retrainings) this call computed rather than loaded
     */
    public record Result(String method, TrainingProtocol protocol, List<SeedRun> runs, int computedNow) {

        /** Copies the runs. */
        public Result {
            runs = List.copyOf(runs);
        }

        /** Each seed's {@link SeedRun#accuracy()}, in seed order. */
        public List<Double> accuracies() {
            return runs.stream().map(SeedRun::accuracy).toList();
        }

        /** Mean and sample standard deviation of {@link #accuracies()}. */
        public SampleStats stats() {
            return SampleStats.of(accuracies());
        }

        /**
         * RI against a random baseline. The random architectures were trained from scratch, so this result must have
         * been retrained too ({@link Builder#optRetrain}), under the same protocol: a supernet's or a discretized
         * network's own accuracy against from-scratch accuracy, or two protocols, would measure the training rather
         * than the method.
         *
         * @throws IllegalArgumentException when this result was not retrained, or was retrained under another protocol
         */
        public RelativeImprovement relativeTo(RandomBaseline.Result random) {
            if (protocol == null) {
                throw new IllegalArgumentException(method + " reports its own (un-retrained) accuracies but the random"
                        + " baseline was trained from scratch under " + random.protocol().describe()
                        + "; build the runner with optRetrain(trainer, protocol) to compare like with like");
            }
            if (!protocol.equals(random.protocol())) {
                throw new IllegalArgumentException(method + " was retrained under " + protocol.describe()
                        + " but the random baseline under " + random.protocol().describe()
                        + "; compare under one protocol");
            }
            return RelativeImprovement.of(accuracies(), random.accuracies());
        }

        /** This method's rows: see {@link MultiSeedRunner#table(List)}. */
        public Table table() {
            return MultiSeedRunner.table(List.of(this));
        }
    }

    /**
     * One table over methods and seeds. Columns: method, seed, accuracy (the one that counts), architecture; when
     * any result was retrained, searchAccuracy (the method's own), trainAccuracy and trainSeconds; then one column
     * per metric name in order of first appearance, missing where a run did not report it.
     */
    public static Table table(List<Result> results) {
        StringColumn method = StringColumn.create("method");
        LongColumn seed = LongColumn.create("seed");
        DoubleColumn accuracy = DoubleColumn.create("accuracy");
        StringColumn arch = StringColumn.create("architecture");
        DoubleColumn searchAccuracy = DoubleColumn.create("searchAccuracy");
        DoubleColumn trainAccuracy = DoubleColumn.create("trainAccuracy");
        DoubleColumn trainSeconds = DoubleColumn.create("trainSeconds");
        List<SeedRun> runs = results.stream().flatMap(r -> r.runs().stream()).toList();
        boolean anyRetrained = runs.stream().anyMatch(r -> r.retrained() != null);
        Set<String> names = new LinkedHashSet<>();
        runs.forEach(r -> names.addAll(r.search().metrics().keySet()));
        Set<String> fixed = Set.of("method", "seed", "accuracy", "architecture", "searchAccuracy", "trainAccuracy",
                "trainSeconds");
        List<String> metricNames = List.copyOf(names);
        // A metric named like a fixed column keeps its value under "metric.<name>".
        List<DoubleColumn> metricColumns = metricNames.stream()
                .map(n -> DoubleColumn.create(fixed.contains(n) ? "metric." + n : n)).toList();
        for (SeedRun r : runs) {
            method.append(r.method());
            seed.append(r.seed());
            accuracy.append(r.accuracy());
            arch.append(r.search().architecture().toString());
            searchAccuracy.append(r.search().accuracy());
            if (r.retrained() == null) {
                trainAccuracy.appendMissing();
                trainSeconds.appendMissing();
            } else {
                trainAccuracy.append(r.retrained().trainAccuracy());
                trainSeconds.append(r.retrained().seconds());
            }
            for (int m = 0; m < metricColumns.size(); m++) {
                DoubleColumn c = metricColumns.get(m);
                Double v = r.search().metrics().get(metricNames.get(m));
                if (v == null) {
                    c.appendMissing();
                } else {
                    c.append(v);
                }
            }
        }
        Table t = Table.create("search methods over seeds", method, seed, accuracy, arch);
        if (anyRetrained) {
            t.addColumns(searchAccuracy, trainAccuracy, trainSeconds);
        }
        metricColumns.forEach(t::addColumns);
        return t;
    }
}
