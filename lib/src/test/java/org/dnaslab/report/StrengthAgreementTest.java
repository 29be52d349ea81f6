package org.dnaslab.report;

import org.dnaslab.evaluate.OperationStrength;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StrengthAgreementTest {
    private static final List<String> OPS = List.of("none", "skip", "conv1", "conv3", "pool");

    private static List<OperationStrength> edge(int e, double[] softmax, double[] accuracy) {
        List<OperationStrength> rows = new ArrayList<>();
        for (int o = 0; o < OPS.size(); o++) {
            rows.add(new OperationStrength("normal", e, "e" + e, OPS.get(o), softmax[o], accuracy[o], 0.8));
        }
        return rows;
    }

    @Test
    void agreeingEdgeCountsOneReversedEdgeMinusOneAndTheMeanIsOverEdges() {
        List<OperationStrength> rows = new ArrayList<>();
        rows.addAll(edge(0, new double[] {0.1, 0.2, 0.3, 0.25, 0.15}, new double[] {0.1, 0.5, 0.7, 0.6, 0.3}));
        rows.addAll(edge(1, new double[] {0.1, 0.2, 0.3, 0.25, 0.15}, new double[] {0.9, 0.5, 0.1, 0.2, 0.7}));
        rows.addAll(edge(2, new double[] {0.1, 0.2, 0.3, 0.25, 0.15}, new double[] {0.6, 0.6, 0.6, 0.6, 0.6}));
        assertEquals(0.0, StrengthAgreement.meanKendallTau(rows), 1e-12, "edge 2 (no order) is left out");

        Table t = StrengthAgreement.perEdge(rows);
        assertEquals(3, t.rowCount());
        assertEquals(1.0, t.doubleColumn("kendallTau").get(0), 1e-12);
        assertEquals(-1.0, t.doubleColumn("kendallTau").get(1), 1e-12);
        assertEquals("conv1", t.stringColumn("largest softmax(α)").get(1));
        assertEquals("none", t.stringColumn("strongest op").get(1));
        assertEquals(Tables.MISSING, t.getString(2, 1));
    }

    @Test
    void noEdgeWithAnOrderIsAnError() {
        var rows = edge(0, new double[] {0.2, 0.2, 0.2, 0.2, 0.2}, new double[] {0.1, 0.5, 0.7, 0.6, 0.3});
        assertThrows(IllegalArgumentException.class, () -> StrengthAgreement.meanKendallTau(rows));
    }
}
