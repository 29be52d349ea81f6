package org.dnaslab.report;

import org.dnaslab.evaluate.OperationStrength;
import org.dnaslab.evaluate.RankCorrelation;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether softmax(α) ranks an edge's ops as the supernet relies on them (darts-pt, Sec. 3): per edge, Kendall τ
 * between the ops' softmax(α) and their operation strength (the supernet's accuracy with the edge committed to the
 * op), and the op each of the two puts first. τ = 1 is the same order, 0 none, −1 the reverse.
 */
public final class StrengthAgreement {
    private StrengthAgreement() {
    }

    /** One row per edge (cell and edge): τ, the op with the largest softmax(α) and the strongest op. */
    public static Table perEdge(List<OperationStrength> rows) {
        StringColumn edge = StringColumn.create("edge");
        DoubleColumn tau = DoubleColumn.create("kendallTau");
        StringColumn byAlpha = StringColumn.create("largest softmax(α)");
        StringColumn byStrength = StringColumn.create("strongest op");
        for (List<OperationStrength> ops : byEdge(rows).values()) {
            OperationStrength first = ops.get(0);
            edge.append(first.cell() + " " + first.edgeName());
            tau.append(tau(ops));
            byAlpha.append(best(ops, true));
            byStrength.append(best(ops, false));
        }
        return Tables.readable(Table.create("softmax(α) against operation strength, per edge", edge, tau, byAlpha,
                byStrength));
    }

    /**
     * The mean over edges of Kendall τ between softmax(α) and operation strength; edges where either is constant
     * over the ops (τ undefined) are left out.
     *
     * @throws IllegalArgumentException when no edge has a defined τ
     */
    public static double meanKendallTau(List<OperationStrength> rows) {
        double sum = 0;
        int n = 0;
        for (List<OperationStrength> ops : byEdge(rows).values()) {
            double t = tau(ops);
            if (Double.isFinite(t)) {
                sum += t;
                n++;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("no edge of " + rows.size() + " operation-strength rows has a defined "
                    + "Kendall τ (softmax(α) or the accuracies are constant on every edge)");
        }
        return sum / n;
    }

    private static Map<String, List<OperationStrength>> byEdge(List<OperationStrength> rows) {
        Map<String, List<OperationStrength>> edges = new LinkedHashMap<>();
        for (OperationStrength r : rows) {
            edges.computeIfAbsent(r.cell() + "/" + r.edge(), k -> new ArrayList<>()).add(r);
        }
        return edges;
    }

    private static double tau(List<OperationStrength> ops) {
        if (ops.size() < 2) {
            return Double.NaN;
        }
        double[] alpha = new double[ops.size()];
        double[] strength = new double[ops.size()];
        for (int i = 0; i < alpha.length; i++) {
            alpha[i] = ops.get(i).softmax();
            strength[i] = ops.get(i).accuracy();
        }
        // τ is undefined when one side ranks nothing (RankCorrelation refuses it)
        if (allEqual(alpha) || allEqual(strength)) {
            return Double.NaN;
        }
        return RankCorrelation.kendallTau(alpha, strength);
    }

    private static boolean allEqual(double[] values) {
        for (double v : values) {
            if (Double.compare(v, values[0]) != 0) {
                return false;
            }
        }
        return true;
    }

    private static String best(List<OperationStrength> ops, boolean byAlpha) {
        OperationStrength best = ops.get(0);
        for (OperationStrength o : ops) {
            if ((byAlpha ? o.softmax() > best.softmax() : o.accuracy() > best.accuracy())) {
                best = o;
            }
        }
        return best.op();
    }
}
