package org.dnaslab.select;

import org.dnaslab.space.Architecture;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Objects;

/**
 * What a selector chose and why.
 *
 * @param method       the selector's name
 * @param architecture the discrete architecture
 * @param decisions    every decision in the order taken, with the scores it was based on
 * @param seconds      wall time of the selection (fine-tuning between decisions included)
 * @param tuningEpochs epochs the selector tuned the supernet while selecting (PT's tuning between decisions)
 */
public record Selection(String method, Architecture architecture, List<EdgeDecision> decisions, double seconds,
                        int tuningEpochs) {
    /** Requires the method's name and the architecture, and tuning epochs >= 0; copies the decisions. */
    public Selection {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(architecture, "architecture");
        decisions = List.copyOf(decisions);
        if (tuningEpochs < 0) {
            throw new IllegalArgumentException("tuning epochs must be >= 0, got " + tuningEpochs);
        }
    }

    /** A selection that did not tune the supernet. */
    public Selection(String method, Architecture architecture, List<EdgeDecision> decisions, double seconds) {
        this(method, architecture, decisions, seconds, 0);
    }

    /** One row per decision and candidate: step, cell, kind, target, candidate, score, chosen, baseline. */
    public Table decisionTable() {
        IntColumn step = IntColumn.create("step");
        StringColumn cell = StringColumn.create("cell");
        StringColumn kind = StringColumn.create("kind");
        StringColumn target = StringColumn.create("target");
        StringColumn candidate = StringColumn.create("candidate");
        DoubleColumn score = DoubleColumn.create("score");
        StringColumn chosen = StringColumn.create("chosen");
        DoubleColumn baseline = DoubleColumn.create("baseline");
        for (EdgeDecision d : decisions) {
            d.scores().forEach((name, value) -> {
                step.append(d.step());
                cell.append(d.cellType().key());
                kind.append(d.kind().name().toLowerCase(java.util.Locale.ROOT));
                target.append(d.target());
                candidate.append(name);
                score.append(value);
                chosen.append(d.chosen());
                baseline.append(d.baseline());
            });
        }
        return Table.create(method + " decisions", step, cell, kind, target, candidate, score, chosen, baseline);
    }
}
