package org.dnaslab.regularize;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.dnaslab.ops.OwnedArrays;
import org.dnaslab.ops.Scalars;
import org.dnaslab.space.CellType;
import org.dnaslab.space.SearchSpace;

/** Differentiable pieces shared by the regularizers: entropies of softmax rows, and the candidate mask. */
final class ArchitectureEntropy {
    /** Added to p before the log, so that p = 0 (a non-candidate op) gives 0·log(ε) = 0, not NaN. */
    private static final float TINY = 1e-30f;
    private static final float NOT_A_CANDIDATE = -1e9f;

    private ArchitectureEntropy() {
    }

    /** Σ over rows of H(p_row) = -Σ p log p, for probabilities p of shape [rows, k]; a scalar. */
    static NDArray entropySum(NDArray p) {
        return p.mul(Scalars.add(p, TINY).log()).sum().neg();
    }

    /** -1e9 where an op is not a candidate of an edge, else 0, shape [edges, ops]; null when all are candidates. */
    static NDArray candidateMask(NDArray like, SearchSpace space, CellType type) {
        int edges = space.edges().size();
        int ops = space.ops().size();
        float[] m = new float[edges * ops];
        boolean any = false;
        for (int e = 0; e < edges; e++) {
            for (int o = 0; o < ops; o++) {
                if (!space.candidates(type, e).contains(space.ops().get(o))) {
                    m[e * ops + o] = NOT_A_CANDIDATE;
                    any = true;
                }
            }
        }
        return any ? OwnedArrays.of(like.getManager(), m, new Shape(edges, ops)) : null;
    }
}
