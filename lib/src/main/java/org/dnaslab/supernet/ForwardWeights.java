package org.dnaslab.supernet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import org.dnaslab.ops.Scalars;
import org.dnaslab.space.CellType;
import org.dnaslab.space.SearchSpace;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The mixing weights of one forward pass, computed once and shared by all cells of a type: per edge and op a
 * scalar array, or nothing when the op must not be computed (none, masked, not a candidate, not the committed
 * op). Splitting softmax(α) into scalars in one engine call keeps the per-op cost to a single multiply.
 */
public final class ForwardWeights {
    /** Weight of an op on a committed edge: used as is, no multiply. */
    static final NDArray UNIT = null;

    private final Map<CellType, EdgeWeights[]> edges = new EnumMap<>(CellType.class);

    /** How one edge mixes its ops. */
    record EdgeWeights(boolean dropped, int committedOp, NDArray[] opWeights, NDArray scale) {
        boolean computes(int op) {
            return committedOp >= 0 ? committedOp == op : opWeights[op] != null;
        }
    }

    private double dropPath;
    private java.util.SplittableRandom dropPathRandom;

    private ForwardWeights() {
    }

    /** Drop-path on committed edges' non-identity ops while training (discrete networks trained from scratch). */
    public ForwardWeights withDropPath(double probability, java.util.SplittableRandom random) {
        this.dropPath = probability;
        this.dropPathRandom = random;
        return this;
    }

    double dropPath() {
        return dropPath;
    }

    java.util.SplittableRandom dropPathRandom() {
        return dropPathRandom;
    }

    public static ForwardWeights of(ArchitectureParameters params) {
        ForwardWeights fw = new ForwardWeights();
        SearchSpace space = params.space();
        EdgeDecisions d = params.decisions();
        int nEdges = space.edges().size();
        int nOps = space.ops().size();
        int none = space.ops().indexOf(SearchSpace.NONE);
        for (CellType t : space.cellTypes()) {
            NDList scalars = params.softmax(t).reshape(nEdges * nOps).split(nEdges * nOps);
            NDArray[] scales = params.hasBeta() ? edgeScales(params, t) : null;
            EdgeWeights[] ew = new EdgeWeights[nEdges];
            for (int e = 0; e < nEdges; e++) {
                NDArray[] w = new NDArray[nOps];
                for (int o = 0; o < nOps; o++) {
                    boolean skip = o == none || d.isMasked(t, e, o) || !space.candidates(t, e).contains(space.ops().get(o));
                    w[o] = skip ? null : scalars.get(e * nOps + o);
                }
                int committed = d.committedOp(t, e);
                if (committed == none && committed >= 0) {
                    // committed to "none": the edge contributes nothing
                    ew[e] = new EdgeWeights(true, committed, w, null);
                } else {
                    // a committed edge is the discrete network's edge: weight exactly 1, no β scale
                    NDArray scale = scales == null || committed >= 0 ? null : scales[e];
                    ew[e] = new EdgeWeights(d.isDropped(t, e), committed, w, scale);
                }
            }
            fw.edges.put(t, ew);
        }
        return fw;
    }

    /**
     * DA2S: node_j = Σ_i softmax(min(β_j, 1))_i · n_j · MixedOp_ij, n_j = number of inputs of node j, on the nodes
     * that have β; the other edges get no scale.
     */
    private static NDArray[] edgeScales(ArchitectureParameters params, CellType t) {
        SearchSpace space = params.space();
        NDArray beta = params.beta(t);
        NDArray[] scales = new NDArray[space.edges().size()];
        for (int node : params.betaNodes()) {
            List<Integer> in = space.incoming(node);
            int from = params.betaOffset(node);
            NDArray s = Scalars.mul(Scalars.minimum(beta.get(new NDIndex(from + ":" + (from + in.size()))), 1f).softmax(0), in.size());
            NDList parts = s.split(in.size());
            for (int k = 0; k < in.size(); k++) {
                scales[in.get(k)] = parts.get(k);
            }
        }
        return scales;
    }

    EdgeWeights edge(CellType type, int edge) {
        return edges.get(type)[edge];
    }
}
