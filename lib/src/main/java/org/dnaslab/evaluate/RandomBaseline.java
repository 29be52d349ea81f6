package org.dnaslab.evaluate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import org.dnaslab.progress.Progress;
import org.dnaslab.progress.ProgressReporter;
import org.dnaslab.progress.ProgressReporters;
import org.dnaslab.space.Architecture;
import org.dnaslab.store.ResultStore;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The random-sampling baseline of Yang et al.: k architectures drawn by a sampler from one seed, each trained from
 * scratch under the same protocol. Resumable: every finished training is saved in the {@link ResultStore} under
 * {@code random/<space>/p-<protocol fingerprint>/s<seed>/arch-<i>}, and a rerun trains only what is missing, so a
 * killed run loses at most the architecture in flight.
 *
 * <pre>{@code
 * RandomBaseline baseline = RandomBaseline.builder()
 *         .setSpace(SearchSpace.nb201()).setTrainer(new ScratchTrainer(data)).setStore(store).build();
 * RandomBaseline.Result random = baseline.run(TrainingProtocol.quick(), 8, 0);
 * }</pre>
 *
 * Architectures are drawn with replacement, as uniform sampling does; the i-th one depends only on the seed.
 */
public final class RandomBaseline {
    private final ArchitectureSampler sampler;
    private final ArchitectureTrainer trainer;
    private final ResultStore store;
    private final ProgressReporter reporter;

    private RandomBaseline(Builder b) {
        this.sampler = b.sampler;
        this.trainer = b.trainer;
        this.store = b.store;
        this.reporter = b.reporter;
    }

    /** The k architectures a run with this seed trains, in order (sampling is cheap and needs no training). */
    public List<Architecture> sample(int count, long samplingSeed) {
        if (count < 1) {
            throw new IllegalArgumentException("the random baseline needs at least 1 architecture, got " + count);
        }
        SplittableRandom rng = new SplittableRandom(samplingSeed);
        List<Architecture> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(Objects.requireNonNull(sampler.sample(rng), "the sampler returned null"));
        }
        return list;
    }

    /** The store key of the i-th architecture of a run. */
    public static String key(Architecture architecture, TrainingProtocol protocol, long samplingSeed, int index) {
        return "random/" + architecture.space().name() + "/p-" + protocol.fingerprint() + "/s" + samplingSeed
                + "/arch-" + index;
    }

    /**
     * Trains (or loads, if stored) {@code count} architectures sampled with {@code samplingSeed}, all under
     * {@code protocol}. A trainer failure stops the run after everything before it was saved.
     */
    public Result run(TrainingProtocol protocol, int count, long samplingSeed) {
        Objects.requireNonNull(protocol, "protocol");
        List<Architecture> archs = sample(count, samplingSeed);
        List<TrainedResult> results = new ArrayList<>(count);
        int trainedNow = 0;
        String outcome = "failed";
        Progress outer = reporter.start("random baseline: " + count + " architectures", count);
        try {
            for (int i = 0; i < count; i++) {
                Architecture arch = archs.get(i);
                String key = key(arch, protocol, samplingSeed, i);
                String phase = "arch " + (i + 1) + "/" + count;
                TrainedResult r = store.find(key, TrainedResult.class).orElse(null);
                if (r != null) {
                    checkSame(key, r, arch, protocol, "stored record");
                } else {
                    try (Progress inner = reporter.start("random baseline " + phase, protocol.epochs())) {
                        r = trainer.train(arch, protocol, inner);
                    }
                    checkSame(key, r, arch, protocol, "trainer's result");
                    store.save(key, r);
                    trainedNow++;
                }
                results.add(r);
                outer.update(i + 1, phase, Map.of("acc", r.testAccuracy()));
            }
            outcome = "done";
        } finally {
            outer.finish(outcome + ", trained " + trainedNow + " of " + count);
        }
        return new Result(protocol, samplingSeed, results, trainedNow);
    }

    private void checkSame(String key, TrainedResult r, Architecture arch, TrainingProtocol protocol, String what) {
        if (r == null) {
            throw new IllegalStateException("the trainer returned no result for " + key);
        }
        if (!r.architecture().equals(arch)) {
            throw new IllegalStateException(what + " for " + key + " (" + store.file(key) + ") is for " + r.architecture()
                    + ", but the sampler now draws " + arch + "; the sampler changed, so use a new store");
        }
        if (!r.protocol().equals(protocol)) {
            throw new IllegalStateException(what + " for " + key + " (" + store.file(key) + ") was trained under "
                    + r.protocol().describe() + ", not the requested " + protocol.describe());
        }
    }

    /** A builder; see {@link Builder} for what is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Required: the sampler ({@link #setSampler}, or {@link #setSpace} for uniform sampling), trainer, store.
     * Optional: the progress reporter (default: the current one).
     */
    public static final class Builder {
        private ArchitectureSampler sampler;
        private ArchitectureTrainer trainer;
        private ResultStore store;
        private ProgressReporter reporter;

        private Builder() {
        }

        /** How architectures are drawn (required, unless {@link #setSpace} is used). */
        public Builder setSampler(ArchitectureSampler sampler) {
            this.sampler = sampler;
            return this;
        }

        /** Samples uniformly from {@code space} ({@link ArchitectureSampler#uniform}), as Yang et al.'s baseline does. */
        public Builder setSpace(org.dnaslab.space.SearchSpace space) {
            this.sampler = ArchitectureSampler.uniform(space);
            return this;
        }

        /** Trains each drawn architecture (required). */
        public Builder setTrainer(ArchitectureTrainer trainer) {
            this.trainer = trainer;
            return this;
        }

        /** Where each training is kept, and found again when the run is repeated (required). */
        public Builder setStore(ResultStore store) {
            this.store = store;
            return this;
        }

        /** Where progress goes (default: the current reporter). */
        public Builder optReporter(ProgressReporter reporter) {
            this.reporter = reporter;
            return this;
        }

        /** The baseline; throws {@link IllegalStateException} naming every required setting that is missing. */
        public RandomBaseline build() {
            List<String> missing = new ArrayList<>();
            if (sampler == null) {
                missing.add("sampler (setSampler, or setSpace for uniform sampling)");
            }
            if (trainer == null) {
                missing.add("trainer (setTrainer)");
            }
            if (store == null) {
                missing.add("store (setStore)");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("random baseline: not set: " + String.join(", ", missing));
            }
            if (reporter == null) {
                reporter = ProgressReporters.current();
            }
            return new RandomBaseline(this);
        }
    }

    /**
     * The baseline's trainings, in sampling order.
     *
     * @param trainedNow how many were trained in this call rather than loaded from the store
     */
    public record Result(TrainingProtocol protocol, long samplingSeed, List<TrainedResult> results, int trainedNow) {

        /** Copies the results. */
        public Result {
            results = List.copyOf(results);
        }

        /** Each architecture's test accuracy, in the order they were drawn. */
        public List<Double> accuracies() {
            return results.stream().map(TrainedResult::testAccuracy).toList();
        }

        /** Mean and sample standard deviation of the test accuracies. */
        public SampleStats stats() {
            return SampleStats.of(accuracies());
        }

        /** One row per architecture: index, architecture, test and train accuracy, seconds, then the metrics. */
        public Table table() {
            IntColumn index = IntColumn.create("index");
            StringColumn arch = StringColumn.create("architecture");
            DoubleColumn test = DoubleColumn.create("accuracy");
            DoubleColumn train = DoubleColumn.create("trainAccuracy");
            DoubleColumn seconds = DoubleColumn.create("seconds");
            Set<String> names = new LinkedHashSet<>();
            results.forEach(r -> names.addAll(r.metrics().keySet()));
            Set<String> fixed = Set.of("index", "architecture", "accuracy", "trainAccuracy", "seconds");
            List<String> metricNames = List.copyOf(names);
            List<DoubleColumn> metricColumns = metricNames.stream()
                    .map(n -> DoubleColumn.create(fixed.contains(n) ? "metric." + n : n)).toList();
            for (int i = 0; i < results.size(); i++) {
                TrainedResult r = results.get(i);
                index.append(i);
                arch.append(r.architecture().toString());
                test.append(r.testAccuracy());
                train.append(r.trainAccuracy());
                seconds.append(r.seconds());
                for (int m = 0; m < metricColumns.size(); m++) {
                    DoubleColumn c = metricColumns.get(m);
                    Double v = r.metrics().get(metricNames.get(m));
                    if (v == null) {
                        c.appendMissing();
                    } else {
                        c.append(v);
                    }
                }
            }
            Table t = Table.create("random baseline (" + protocol.describeTricks() + ")", index, arch, test, train, seconds);
            metricColumns.forEach(t::addColumns);
            return t;
        }

        @Override
        public String toString() {
            return "random baseline: accuracy " + stats() + " under " + protocol.describe();
        }
    }
}
