package org.dnaslab.search;

import ai.djl.ndarray.NDArray;
import org.dnaslab.store.Json;
import org.dnaslab.supernet.Supernet;
import org.dnaslab.train.TrainingLoop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a resumable training saves and how it comes back. A run directory holds {@code run.json} (the
 * {@link RunRecord}: config, status, metrics of every epoch) and {@code checkpoint.bin} (the {@link Checkpoint}
 * file: the loop's position, time and epoch sums, each optimizer's counters under its prefix, and the arrays: the
 * supernet's named state and each optimizer's state under its prefix). Each file is written atomically
 * ({@link org.dnaslab.store.AtomicFiles}).
 */
final class SearchCheckpointer {
    static final String RECORD = "run.json";
    static final String CHECKPOINT = "checkpoint.bin";

    private final Path directory;
    private final Supernet net;
    private final TrainingLoop loop;
    private final Map<String, ParameterOptimizer> optimizers;

    /** @param optimizers by prefix ("sgd", "adam_alpha", …); a null optimizer is left out */
    SearchCheckpointer(Path directory, Supernet net, TrainingLoop loop, Map<String, ParameterOptimizer> optimizers) {
        this.directory = directory;
        this.net = net;
        this.loop = loop;
        this.optimizers = new LinkedHashMap<>();
        optimizers.forEach((k, v) -> {
            if (v != null) {
                this.optimizers.put(k, v);
            }
        });
    }

    Path checkpointFile() {
        return directory.resolve(CHECKPOINT);
    }

    /** Writes run.json and then checkpoint.bin. */
    void save(RunRecord record) {
        Map<String, Double> scalars = new LinkedHashMap<>();
        loop.saveTo(scalars);
        optimizers.forEach((prefix, o) -> o.counters().forEach((k, v) -> scalars.put(prefix + "." + k, v)));
        // run.json first: killed between the two writes, the record is one epoch ahead of the checkpoint, and a
        // resume takes the checkpoint's position and the record's metrics up to it (never a metric-less epoch)
        Json.write(directory.resolve(RECORD), record);
        Checkpoint.save(checkpointFile(), scalars, arrays());
    }

    /**
     * Loads checkpoint.bin into the supernet, the optimizers and the loop, after checking it against the run record
     * read from the same directory.
     */
    void restore(RunRecord record, int epochs) {
        Path file = checkpointFile();
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("cannot resume from " + directory + ": no " + CHECKPOINT + " there");
        }
        Map<String, Double> s = Checkpoint.load(file, arrays());
        if (s.get("epoch") == null || s.get("step") == null) {
            throw new IllegalArgumentException("checkpoint " + file + " has no position (epoch, step) in its header");
        }
        int epoch = (int) Math.round(s.get("epoch"));
        if (record.epochs().size() < epoch || epoch > epochs) {
            throw new IllegalArgumentException("checkpoint " + file + " is at epoch " + epoch + " but "
                    + directory.resolve(RECORD) + " records " + record.epochs().size() + " epochs of " + epochs
                    + ": the two files are not from the same run");
        }
        loop.loadFrom(s);
        optimizers.forEach((prefix, o) -> o.loadCounters(prefixed(s, prefix + ".")));
    }

    private Map<String, NDArray> arrays() {
        Map<String, NDArray> arrays = new LinkedHashMap<>(net.namedState());
        optimizers.forEach((prefix, o) -> o.state().forEach((k, v) -> arrays.put(prefix + "." + k, v)));
        return arrays;
    }

    private static Map<String, Double> prefixed(Map<String, Double> all, String prefix) {
        Map<String, Double> m = new LinkedHashMap<>();
        all.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                m.put(k.substring(prefix.length()), v);
            }
        });
        return m;
    }
}
