package org.dnaslab.search;

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
 * @param epochs       metrics per completed epoch
 * @param architecture the magnitude-selected architecture, as text (NB201 string or DARTS genotype)
 * @param seconds      search wall time so far
 * @param data         the training data searched on, "name (N images)", so that a resume on other data is refused;
 *                     null in records written before it was kept
 */
public record RunRecord(String project, String version, String kind, SearchStatus status, SearchConfig config,
                        Map<String, Object> lossTerm, int epochsDone, int stepInEpoch, List<EpochMetrics> epochs,
                        String architecture, double seconds, String data) {
}
