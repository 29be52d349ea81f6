package org.dnaslab.supernet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.dnaslab.ops.ParameterInit;
import org.dnaslab.space.CellType;
import org.dnaslab.space.SearchSpace;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The architecture parameters, kept apart from the network weights: α per cell type ([edges, ops], shared by
 * every cell of that type) and, optionally, DA2S's edge weights β ([edges], grouped by target node).
 * Ops that are not candidates on an edge (reduced spaces) get no weight: their logits are pushed to -inf.
 */
public final class ArchitectureParameters {
    private static final float NOT_A_CANDIDATE = -1e9f;

    private final SearchSpace space;
    private final Map<CellType, NDArray> alpha = new EnumMap<>(CellType.class);
    private final Map<CellType, NDArray> beta = new EnumMap<>(CellType.class);
    private final Map<CellType, NDArray> candidateLogMask = new EnumMap<>(CellType.class);
    private final EdgeDecisions decisions;
    private boolean alphaTrainable = true;

    /** α drawn as 1e-3·N(0,1) from the seeded stream, as DARTS initialises it. */
    public ArchitectureParameters(NDManager manager, SearchSpace space, SplittableRandom rng, boolean withBeta) {
        this.space = space;
        this.decisions = new EdgeDecisions(space);
        int edges = space.edges().size();
        int ops = space.ops().size();
        for (CellType t : space.cellTypes()) {
            NDArray a = ParameterInit.normal(manager, rng, new Shape(edges, ops), 1e-3);
            a.setRequiresGradient(true);
            alpha.put(t, a);
            if (withBeta) {
                NDArray b = ParameterInit.normal(manager, rng, new Shape(edges), 1e-3);
                b.setRequiresGradient(true);
                beta.put(t, b);
            }
            float[] mask = new float[edges * ops];
            boolean restricted = false;
            for (int e = 0; e < edges; e++) {
                List<String> cand = space.candidates(t, e);
                for (int o = 0; o < ops; o++) {
                    if (!cand.contains(space.ops().get(o))) {
                        mask[e * ops + o] = NOT_A_CANDIDATE;
                        restricted = true;
                    }
                }
            }
            if (restricted) {
                candidateLogMask.put(t, manager.create(mask, new Shape(edges, ops)));
            }
        }
    }

    public SearchSpace space() {
        return space;
    }

    public EdgeDecisions decisions() {
        return decisions;
    }

    public NDArray alpha(CellType type) {
        return alpha.get(type);
    }

    public boolean hasBeta() {
        return !beta.isEmpty();
    }

    public NDArray beta(CellType type) {
        return beta.get(type);
    }

    /** softmax(α) over each edge's candidates, as an array attached to the current scope. */
    public NDArray softmax(CellType type) {
        NDArray a = alpha.get(type);
        NDArray m = candidateLogMask.get(type);
        return (m == null ? a : a.add(m)).softmax(1);
    }

    /** Sets α to zeros (uniform softmax) and stops it from training: the "blank" supernet of the PT paper. */
    public void fixUniform() {
        for (NDArray a : alpha.values()) {
            a.subi(a);
        }
        alphaTrainable = false;
    }

    public boolean isAlphaTrainable() {
        return alphaTrainable;
    }

    public void setAlphaTrainable(boolean trainable) {
        this.alphaTrainable = trainable;
    }

    /** The arrays an architecture optimizer updates: α (when trainable) then β, in a fixed order. */
    public List<NDArray> trainable() {
        List<NDArray> list = new ArrayList<>();
        for (CellType t : space.cellTypes()) {
            if (alphaTrainable) {
                list.add(alpha.get(t));
            }
        }
        for (CellType t : space.cellTypes()) {
            if (beta.containsKey(t)) {
                list.add(beta.get(t));
            }
        }
        return list;
    }

    /** Every array that defines the architecture state, with stable names (for checkpoints). */
    public Map<String, NDArray> named() {
        Map<String, NDArray> m = new java.util.LinkedHashMap<>();
        for (CellType t : space.cellTypes()) {
            m.put("alpha." + t.key(), alpha.get(t));
            if (beta.containsKey(t)) {
                m.put("beta." + t.key(), beta.get(t));
            }
        }
        return m;
    }

    /** A copy of softmax(α) as plain numbers: [edge][op], ops in {@link SearchSpace#ops()} order. */
    public double[][] softmaxSnapshot(CellType type) {
        try (NDManager scope = alpha.get(type).getManager().newSubManager()) {
            NDArray s = softmax(type);
            s.attach(scope);
            float[] v = s.toFloatArray();
            int ops = space.ops().size();
            double[][] out = new double[v.length / ops][ops];
            for (int i = 0; i < v.length; i++) {
                out[i / ops][i % ops] = v[i];
            }
            return out;
        }
    }

    /** A copy of α as plain numbers: [edge][op]. */
    public double[][] alphaSnapshot(CellType type) {
        float[] v = alpha.get(type).toFloatArray();
        int ops = space.ops().size();
        double[][] out = new double[v.length / ops][ops];
        for (int i = 0; i < v.length; i++) {
            out[i / ops][i % ops] = v[i];
        }
        return out;
    }

    /** Entropy (nats) of softmax(α) on each edge. */
    public double[] entropy(CellType type) {
        double[][] p = softmaxSnapshot(type);
        double[] h = new double[p.length];
        for (int e = 0; e < p.length; e++) {
            for (double q : p[e]) {
                if (q > 0) {
                    h[e] -= q * Math.log(q);
                }
            }
        }
        return h;
    }
}
