package org.dnaslab.select;

import com.fasterxml.jackson.databind.JsonNode;
import org.dnaslab.search.RunRecord;
import org.dnaslab.search.SearchConfig;
import org.dnaslab.store.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * The finished single-stage protocol in its run directory ({@code result.json}): the {@link Settings} that identify
 * the run next to its {@link SingleStageProtocol.Result}. Written atomically and read strictly ({@link Json}).
 *
 * @param kind     "single-stage-protocol"
 * @param settings what the result was computed with
 * @param result   what the protocol produced
 */
record ProtocolRunFile(String kind, ProtocolRunFile.Settings settings, SingleStageProtocol.Result result) {
    static final String NAME = "result.json";
    static final String KIND = "single-stage-protocol";

    ProtocolRunFile {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(result, "result");
    }

    /**
     * Everything that decides a protocol's result; a run directory answers only a rerun with equal settings.
     *
     * @param search       the whole run's search configuration
     * @param lossTerm     the search phase's extra architecture loss ({@code LossTerm.describe()}), or null
     * @param freezeEpoch  epochs of search before the architecture is fixed
     * @param selector     the selector's {@link ArchitectureSelector#describe() description}
     * @param twoStage     whether the two-stage comparison runs
     * @param evalBatches  held-out batches per measurement (0 = all)
     * @param trainingData the training data, as {@code ImageDataset.toString()} names it
     * @param heldOut      the held-out data, likewise
     */
    record Settings(SearchConfig search, Map<String, Object> lossTerm, int freezeEpoch, String selector,
                    boolean twoStage, int evalBatches, String trainingData, String heldOut) {
        Settings {
            Objects.requireNonNull(search, "search");
            Objects.requireNonNull(selector, "selector");
            Objects.requireNonNull(trainingData, "trainingData");
            Objects.requireNonNull(heldOut, "heldOut");
        }
    }

    /**
     * The stored result of {@code dir} when it finished with {@code asked}; null when it has not finished.
     *
     * @throws IllegalArgumentException naming the file and the first differing setting when it finished with others
     */
    static SingleStageProtocol.Result find(Path dir, Settings asked) {
        Path file = dir.resolve(NAME);
        if (!Files.exists(file)) {
            return null;
        }
        ProtocolRunFile stored = Json.read(file, ProtocolRunFile.class);
        if (!KIND.equals(stored.kind())) {
            throw new IllegalArgumentException(file + " is not a single-stage protocol's result (kind '"
                    + stored.kind() + "', expected '" + KIND + "'); choose another run directory");
        }
        String differs = firstDifference(tree(stored.settings()), tree(asked), "settings");
        if (differs != null) {
            throw new IllegalArgumentException(file + " holds the result of a single-stage run with other settings: "
                    + differs + "; delete " + dir + " (its search too) or choose another run directory");
        }
        return stored.result();
    }

    /**
     * Refuses a search directory that was searching with another loss term ({@code resumeOrStart} compares the
     * configuration only, and would continue it with this one).
     */
    static void checkSearchLossTerm(Path searchDir, Map<String, Object> lossTerm) {
        Path runJson = searchDir.resolve("run.json");
        if (!Files.exists(runJson)) {
            return;
        }
        Map<String, Object> saved = Json.read(runJson, RunRecord.class).lossTerm();
        String differs = firstDifference(tree(saved), tree(lossTerm), "lossTerm");
        if (differs != null) {
            throw new IllegalArgumentException(runJson + " holds a search with another loss term: " + differs
                    + "; delete " + searchDir + " or choose another run directory");
        }
    }

    /** Writes {@code dir/result.json} atomically. */
    static void write(Path dir, Settings settings, SingleStageProtocol.Result result) {
        Json.write(dir.resolve(NAME), new ProtocolRunFile(KIND, settings, result));
    }

    /** The JSON tree as written and read back, so that numbers compare alike whatever their Java type. */
    private static JsonNode tree(Object value) {
        return Json.tree(Json.write(value), "settings");
    }

    /** "settings.freezeEpoch: stored 2, asked 1" for the first value that differs, or null when none does. */
    private static String firstDifference(JsonNode there, JsonNode here, String path) {
        if (there.equals(here)) {
            return null;
        }
        if (there.isObject() && here.isObject()) {
            for (Iterator<String> it = here.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                String d = firstDifference(there.path(f), here.get(f), path + "." + f);
                if (d != null) {
                    return d;
                }
            }
            for (Iterator<String> it = there.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!here.has(f)) {
                    return path + "." + f + ": stored " + there.get(f) + ", asked nothing";
                }
            }
        } else if (there.isArray() && here.isArray() && there.size() == here.size()) {
            for (int i = 0; i < here.size(); i++) {
                String d = firstDifference(there.get(i), here.get(i), path + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
        }
        return path + ": stored " + (there.isMissingNode() ? "nothing" : there) + ", asked " + here;
    }
}
