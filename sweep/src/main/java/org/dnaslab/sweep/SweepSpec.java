package org.dnaslab.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.dnaslab.evaluate.TrainingProtocol;
import org.dnaslab.space.Architecture;
import org.dnaslab.space.Nb201Canonical;
import org.dnaslab.space.SearchSpace;
import org.dnaslab.store.Json;

/**
 * A sweep: a grid of search method × seed × budget, and a set of trainings from scratch, read from JSON and checked
 * whole before anything runs. Every problem names its field and what was expected.
 *
 * <pre>{@code
 * {
 *   "name": "darts-budgets",
 *   "space": "nb201",
 *   "data": {"kind": "fashion-mnist", "train": 2000, "test": 1000},
 *   "searches": {"methods": ["darts"], "seeds": [0, 1],
 *                "budgets": [{"epochs": 5, "channels": 8, "cells": 1, "batch": 64, "trainLimit": 2000}]},
 *   "trainings": {"cells": ["|nor_conv_3x3~0|+|…|"], "sample": 10, "seeds": [0], "protocol": {"preset": "quick"}},
 *   "store": "build/sweeps/darts-budgets",
 *   "master": "local[2]"
 * }
 * }</pre>
 * {@code data.train}/{@code data.test} = 0 means all images; {@code trainings.sample} draws that many canonical
 * cells with the ground-truth sample's fixed order (NB201 only); {@code protocol} is a preset ("quick",
 * "groundTruth") or a full protocol object. {@code store} defaults to {@code build/sweeps/<name>}.
 */
public record SweepSpec(String name, String space, DataSource data, List<String> methods, List<Long> searchSeeds,
                        List<SearchBudget> budgets, List<Architecture> cells, List<Long> trainingSeeds,
                        TrainingProtocol protocol, Path store, String master) {
    /** The search methods a sweep knows. */
    public static final List<String> METHODS = List.of("darts");

    public static SweepSpec read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the sweep spec " + file + ": " + e.getMessage(), e);
        }
        return parse(file.toString(), text);
    }

    /** Parses and checks a spec; {@code source} names it in errors. */
    public static SweepSpec parse(String source, String json) {
        return new Reader(source).spec(Json.tree(json, "sweep spec " + source));
    }

    /** Every task of the sweep: searches (method × budget × seed), then trainings (cell × seed). */
    public List<SweepTask> tasks() {
        List<SweepTask> tasks = new ArrayList<>();
        for (String m : methods) {
            for (SearchBudget b : budgets) {
                for (long s : searchSeeds) {
                    tasks.add(new SearchTask(m, space, b, s, data, store.toString()));
                }
            }
        }
        for (Architecture c : cells) {
            for (long s : trainingSeeds) {
                tasks.add(TrainingTask.of(c, protocol, s, data, store.toString()));
            }
        }
        return tasks;
    }

    /** Reads one spec, collecting the problems of every field before refusing it. */
    private static final class Reader {
        private final String source;
        private final List<String> problems = new ArrayList<>();

        Reader(String source) {
            this.source = source;
        }

        SweepSpec spec(JsonNode root) {
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("sweep spec " + source + ": expected a JSON object");
            }
            known(root, "", Set.of("name", "space", "data", "searches", "trainings", "store", "master"));
            String name = text(root, "name", "a name of letters, digits, . _ -", null);
            if (name != null && !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                problems.add("name: expected letters, digits, . _ - (it names the store directory), got '" + name + "'");
            }
            String space = text(root, "space", "one of " + SearchSpace.names(), "nb201");
            if (space != null && !SearchSpace.names().contains(space)) {
                problems.add("space: unknown space '" + space + "', expected one of " + SearchSpace.names());
                space = null;
            }
            DataSource data = data(root.get("data"));
            List<String> methods = List.of();
            List<Long> searchSeeds = List.of();
            List<SearchBudget> budgets = List.of();
            JsonNode searches = root.get("searches");
            if (searches != null) {
                known(searches, "searches.", Set.of("methods", "seeds", "budgets"));
                methods = strings(searches, "searches.methods");
                for (String m : methods) {
                    if (!METHODS.contains(m)) {
                        problems.add("searches.methods: unknown method '" + m + "', expected one of " + METHODS);
                    }
                }
                searchSeeds = seeds(searches, "searches.seeds");
                budgets = budgets(searches.get("budgets"), data);
            }
            List<Architecture> cells = new ArrayList<>();
            List<Long> trainingSeeds = List.of();
            TrainingProtocol protocol = null;
            JsonNode trainings = root.get("trainings");
            if (trainings != null) {
                known(trainings, "trainings.", Set.of("cells", "sample", "seeds", "protocol"));
                if (space != null) {
                    cells = cells(trainings, space);
                }
                trainingSeeds = seeds(trainings, "trainings.seeds");
                protocol = protocol(trainings.get("protocol"), data);
            }
            if (searches == null && trainings == null) {
                problems.add("searches, trainings: expected at least one of them");
            }
            String store = text(root, "store", "a directory", null);
            String master = text(root, "master", "a Spark master URL", null);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("sweep spec " + source + " refused, nothing was run:\n  - "
                        + String.join("\n  - ", problems));
            }
            Path storePath = Path.of(store != null ? store : "build/sweeps/" + (name != null ? name : "sweep"));
            return new SweepSpec(name != null ? name : "sweep", space, data, methods, searchSeeds, budgets,
                    List.copyOf(cells), trainingSeeds, protocol, storePath.toAbsolutePath(), master);
        }

        private void known(JsonNode node, String prefix, Set<String> fields) {
            if (!node.isObject()) {
                problems.add((prefix.isEmpty() ? "(top level)" : prefix.substring(0, prefix.length() - 1))
                        + ": expected an object");
                return;
            }
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!fields.contains(f)) {
                    problems.add(prefix + f + ": unknown field, expected one of " + new java.util.TreeSet<>(fields));
                }
            }
        }

        private String text(JsonNode node, String field, String expected, String fallback) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return fallback;
            }
            if (!v.isTextual()) {
                problems.add(field + ": expected " + expected + " (a string), got " + v);
                return fallback;
            }
            return v.asText();
        }

        private int integer(JsonNode node, String path, String field, int min, Integer fallback) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                if (fallback == null) {
                    problems.add(path + field + ": missing, expected an integer >= " + min);
                    return min;
                }
                return fallback;
            }
            if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > Integer.MAX_VALUE) {
                problems.add(path + field + ": expected an integer >= " + min + ", got " + v);
                return min;
            }
            return v.asInt();
        }

        private DataSource data(JsonNode node) {
            if (node == null) {
                return DataSource.fashionMnist();
            }
            known(node, "data.", Set.of("kind", "directory", "train", "test"));
            if (!node.isObject()) {
                return DataSource.fashionMnist();
            }
            String kind = node.path("kind").asText(DataSource.FASHION_MNIST);
            if (!kind.equals(DataSource.FASHION_MNIST) && !kind.equals(DataSource.SYNTHETIC)) {
                problems.add("data.kind: expected '" + DataSource.FASHION_MNIST + "' or '" + DataSource.SYNTHETIC
                        + "', got '" + kind + "'");
                return DataSource.fashionMnist();
            }
            int train = integer(node, "data.", "train", 0, 0);
            int test = integer(node, "data.", "test", 0, 0);
            String dir = node.hasNonNull("directory") ? node.get("directory").asText() : null;
            try {
                return new DataSource(kind, dir, train, test);
            } catch (IllegalArgumentException e) {
                problems.add("data: " + e.getMessage());
                return DataSource.fashionMnist();
            }
        }

        /** Training images the data offers, or -1 when unknown before loading (all of an idx directory). */
        private static int trainImages(DataSource data) {
            return data.trainSize() > 0 ? data.trainSize() : -1;
        }

        private List<String> strings(JsonNode node, String path) {
            JsonNode v = node.get(path.substring(path.lastIndexOf('.') + 1));
            List<String> out = new ArrayList<>();
            if (v == null || !v.isArray() || v.isEmpty()) {
                problems.add(path + ": expected a non-empty list of names, e.g. [\"darts\"]");
                return out;
            }
            v.forEach(e -> out.add(e.asText()));
            return out;
        }

        private List<Long> seeds(JsonNode node, String path) {
            JsonNode v = node.get(path.substring(path.lastIndexOf('.') + 1));
            List<Long> out = new ArrayList<>();
            if (v == null || !v.isArray() || v.isEmpty()) {
                problems.add(path + ": expected a non-empty list of seeds, e.g. [0, 1]");
                return out;
            }
            for (JsonNode e : v) {
                if (!e.isIntegralNumber() || e.asLong() < 0) {
                    problems.add(path + ": expected integers >= 0, got " + e);
                } else {
                    out.add(e.asLong());
                }
            }
            if (new LinkedHashSet<>(out).size() != out.size()) {
                problems.add(path + ": seeds must be distinct, got " + out);
            }
            return out;
        }

        private List<SearchBudget> budgets(JsonNode node, DataSource data) {
            List<SearchBudget> out = new ArrayList<>();
            if (node == null || !node.isArray() || node.isEmpty()) {
                problems.add("searches.budgets: expected a non-empty list of {epochs, channels, cells, batch, "
                        + "trainLimit}");
                return out;
            }
            for (int i = 0; i < node.size(); i++) {
                JsonNode b = node.get(i);
                String p = "searches.budgets[" + i + "].";
                known(b, p, Set.of("epochs", "channels", "cells", "batch", "trainLimit"));
                if (!b.isObject()) {
                    continue;
                }
                int epochs = integer(b, p, "epochs", 1, null);
                int channels = integer(b, p, "channels", 1, 8);
                int cells = integer(b, p, "cells", 1, 1);
                int batch = integer(b, p, "batch", 2, 64);
                int limit = integer(b, p, "trainLimit", 0, 0);
                int available = trainImages(data);
                int images = limit > 0 ? limit : available;
                if (limit > 0 && available > 0 && limit > available) {
                    problems.add(p + "trainLimit: " + limit + " images, but data.train offers only " + available);
                }
                if (images > 0 && images / 2 < batch) {
                    problems.add(p + "batch: impossible budget: " + images + " training images split in halves give "
                            + images / 2 + " per step side, fewer than a batch of " + batch
                            + "; expected trainLimit >= 2 x batch");
                }
                out.add(new SearchBudget(epochs, channels, cells, batch, limit));
            }
            return out;
        }

        private List<Architecture> cells(JsonNode node, String space) {
            List<Architecture> out = new ArrayList<>();
            JsonNode list = node.get("cells");
            if (list != null) {
                if (!list.isArray()) {
                    problems.add("trainings.cells: expected a list of architectures (NB201 strings or genotypes)");
                } else {
                    for (int i = 0; i < list.size(); i++) {
                        String text = list.get(i).asText();
                        try {
                            out.add(space.equals("nb201") ? Architecture.parseNb201(text)
                                    : Architecture.parseGenotype(SearchSpace.byName(space), text));
                        } catch (RuntimeException e) {
                            problems.add("trainings.cells[" + i + "]: not a " + space + " architecture: "
                                    + e.getMessage());
                        }
                    }
                }
            }
            int sample = integer(node, "trainings.", "sample", 0, 0);
            if (sample > 0) {
                if (!space.equals("nb201")) {
                    problems.add("trainings.sample: sampling canonical cells needs space nb201, got " + space);
                } else if (sample > Nb201Canonical.uniqueCells().size()) {
                    problems.add("trainings.sample: at most " + Nb201Canonical.uniqueCells().size()
                            + " canonical cells, got " + sample);
                } else {
                    out.addAll(GroundTruthBuild.sampleOrder().subList(0, sample));
                }
            }
            if (out.isEmpty()) {
                problems.add("trainings: expected 'cells' or 'sample' to name at least one cell");
            }
            return out;
        }

        private TrainingProtocol protocol(JsonNode node, DataSource data) {
            if (node == null || !node.isObject()) {
                problems.add("trainings.protocol: expected {\"preset\": \"quick\"|\"groundTruth\"} or a protocol "
                        + "object (" + TrainingProtocol.quick().toJson() + ")");
                return null;
            }
            TrainingProtocol p;
            if (node.has("preset")) {
                String preset = node.get("preset").asText();
                if (node.size() > 1) {
                    problems.add("trainings.protocol: a preset takes no other fields");
                }
                p = switch (preset) {
                    case "quick" -> TrainingProtocol.quick();
                    case "groundTruth" -> TrainingProtocol.groundTruth();
                    default -> {
                        problems.add("trainings.protocol.preset: unknown preset '" + preset
                                + "', expected quick or groundTruth");
                        yield null;
                    }
                };
            } else {
                try {
                    p = TrainingProtocol.fromJson(node.toString());
                } catch (RuntimeException e) {
                    problems.add("trainings.protocol: " + e.getMessage());
                    return null;
                }
            }
            int available = trainImages(data);
            if (p != null && p.dataLimit() > 0 && available > 0 && p.dataLimit() > available) {
                problems.add("trainings.protocol.dataLimit: " + p.dataLimit() + " images, but data.train offers only "
                        + available);
            }
            return p;
        }
    }
}
