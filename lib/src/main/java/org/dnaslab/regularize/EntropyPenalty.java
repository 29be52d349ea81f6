package org.dnaslab.regularize;

import ai.djl.ndarray.NDArray;
import org.dnaslab.ops.Scalars;
import org.dnaslab.search.LossTerm;
import org.dnaslab.space.CellType;
import org.dnaslab.supernet.ArchitectureParameters;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * λ(epoch)·Σ_edges H(softmax(α_e)) over the edges of every cell type, H in nats: pushes each edge's weights towards
 * one op, so that the supernet is closer to the network it will be discretized to (DESIGN.md §5).
 */
public final class EntropyPenalty implements LossTerm {
    private final Schedule lambda;

    /** @param lambda the weight λ of the entropy term, by epoch */
    public EntropyPenalty(Schedule lambda) {
        this.lambda = java.util.Objects.requireNonNull(lambda, "lambda");
    }

    /** A constant λ. */
    public static EntropyPenalty constant(double lambda) {
        return new EntropyPenalty(Schedule.constant(lambda));
    }

    /** The schedule of the weight λ. */
    public Schedule schedule() {
        return lambda;
    }

    /** Σ_types Σ_edges H(softmax(α_e)), a scalar on α's graph. */
    public static NDArray totalEntropy(ArchitectureParameters arch) {
        NDArray sum = null;
        for (CellType t : arch.space().cellTypes()) {
            NDArray h = ArchitectureEntropy.entropySum(arch.softmax(t));
            sum = sum == null ? h : sum.add(h);
        }
        return sum;
    }

    @Override
    public NDArray penalty(ArchitectureParameters arch, int epoch, int epochs) {
        double l = lambda.at(epoch, epochs);
        return l == 0 ? null : Scalars.mul(totalEntropy(arch), (float) l);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("term", "entropy");
        m.put("lambda", lambda.describe());
        return m;
    }

    @Override
    public String toString() {
        return "EntropyPenalty" + lambda.describe();
    }
}
