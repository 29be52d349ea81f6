package org.dnaslab.select;

import org.dnaslab.space.CellType;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One decision of a selector.
 *
 * @param step     0-based order of the decision
 * @param cellType the cell type it applies to (shared by all cells of that type)
 * @param kind     {@link Kind#OP}: an op chosen for an edge; {@link Kind#DROP}: an input edge removed from a node
 * @param target   the edge ({@code "3<-1"}) for an op decision, the node ("node 4") for a drop
 * @param scores   what each candidate scored: for PT the validation accuracy with that op masked (OP) or with that
 *                 edge dropped (DROP); for magnitude softmax(α)
 * @param chosen   the op chosen, or the edge dropped
 * @param baseline the score with nothing perturbed (PT: the supernet's accuracy before the decision); NaN if none
 */
public record EdgeDecision(int step, CellType cellType, Kind kind, String target, Map<String, Double> scores,
                           String chosen, double baseline) {
    public EdgeDecision {
        scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
    }

    /** What a decision decides. */
    public enum Kind {
        OP,
        DROP
    }
}
