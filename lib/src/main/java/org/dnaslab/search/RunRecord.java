package org.dnaslab.search;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dnaslab.store.Json;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * The JSON record of a search run ({@code run.json}): what was run (config, loss term, project version), how far
 * it got, the metrics and softmax(α) of every epoch, and the architecture it ends with. Rewritten atomically
 * after every epoch, so it always describes a consistent state.
 *
 * @param project      "dnaslab"
 * @param version      library version that wrote it
 * @param kind         "darts-search"
 * @param status       see {@link SearchStatus}
 * @param config       the full search configuration
 * @param lossTerm     the extra architecture loss and its settings, or null
 * @param epochsDone   completed epochs
 * @param stepInEpoch  steps done in the current, unfinished epoch
 * @param epochs       metrics per completed epoch, each with its architecture in the config's space
 * @param architecture the magnitude-selected architecture, as text (NB201 string or DARTS genotype) in the space
 *                     {@code config.supernet.space} names
 * @param seconds      search wall time so far
 * @param data         the training data searched on, "name (N images)", so that a resume on other data is refused;
 *                     null in records written before it was kept
 */
public record RunRecord(String project, String version, String kind, SearchStatus status, SearchConfig config,
                        Map<String, Object> lossTerm, int epochsDone, int stepInEpoch, List<EpochMetrics> epochs,
                        String architecture, double seconds, String data) {

    /**
     * Reads the JSON form. Epochs written before each named its space (older run.json files) are read in the space
     * of {@code config.supernet.space}.
     */
    @JsonCreator
    static RunRecord fromJson(@JsonProperty("project") String project, @JsonProperty("version") String version,
                              @JsonProperty("kind") String kind, @JsonProperty("status") SearchStatus status,
                              @JsonProperty("config") SearchConfig config,
                              @JsonProperty("lossTerm") Map<String, Object> lossTerm,
                              @JsonProperty("epochsDone") int epochsDone, @JsonProperty("stepInEpoch") int stepInEpoch,
                              @JsonProperty("epochs") List<ObjectNode> epochs,
                              @JsonProperty("architecture") String architecture,
                              @JsonProperty("seconds") double seconds, @JsonProperty("data") String data) {
        String space = config == null || config.supernet() == null ? null : config.supernet().space();
        List<EpochMetrics> metrics = epochs == null ? null : epochs.stream().map(e -> epoch(e, space)).toList();
        return new RunRecord(project, version, kind, status, config, lossTerm, epochsDone, stepInEpoch, metrics,
                architecture, seconds, data);
    }

    /**
     * One epoch of the JSON form. Epochs are read as trees first because the strict mapper refuses a missing
     * creator property, and records from before per-epoch spaces lack exactly one: {@code "space"}. Only that field
     * is given a value (JSON null, so the config's space is used); every other field stays strict.
     */
    private static EpochMetrics epoch(ObjectNode node, String fallbackSpace) {
        if (!node.has("space")) {
            node = node.deepCopy();
            node.putNull("space");
        }
        try {
            return Json.MAPPER.treeToValue(node, EpochMetrics.Stored.class).toMetrics(fallbackSpace);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("epoch " + node.path("epoch").asText("?") + ": "
                    + e.getOriginalMessage(), e);
        }
    }
}
