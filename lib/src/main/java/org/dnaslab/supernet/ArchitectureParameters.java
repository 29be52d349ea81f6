package org.dnaslab.supernet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.dnaslab.ops.ParameterInit;
import org.dnaslab.ops.Scalars;
import org.dnaslab.space.CellType;
import org.dnaslab.space.SearchSpace;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The architecture parameters, kept apart from the network weights: α per cell type ([edges, ops], shared by
 * every cell of that type) and, for a DA2S supernet, its edge weights β. Ops that are not candidates on an edge
 * (reduced spaces) get no weight: their logits are pushed to -inf.
 *
 * <p>A DA2S supernet (DESIGN.md §5, as DAAS's {@code model_search.py}) differs in two ways: ops are mixed with
 * softmax(f(α)), f(t) = (2t)³ if 2t &lt; −1 else 2t, so that DA2S's entropy term acts on the weights the network
 * uses; and β exists only on the nodes with more inputs than they keep (DARTS: the nodes with 3, 4 and 5 inputs;
 * NB201, which keeps every input, has none), starting at k/n_j plus 1e-4·N(0,1) noise. β of one cell type is one
 * array holding those nodes' inputs in edge order ({@link #betaOffset}).
 */
public final class ArchitectureParameters {
    private static final float NOT_A_CANDIDATE = -1e9f;
    private static final double BETA_NOISE = 1e-4;

    private final SearchSpace space;
    private final boolean da2s;
    private final List<Integer> betaNodes;
    private final Map<CellType, NDArray> alpha = new EnumMap<>(CellType.class);
    private final Map<CellType, NDArray> beta = new EnumMap<>(CellType.class);
    private final Map<CellType, NDArray> candidateLogMask = new EnumMap<>(CellType.class);
    private final EdgeDecisions decisions;
    private boolean alphaTrainable = true;

    /**
     * α drawn as 1e-3·N(0,1) from the seeded stream, as DARTS initialises it; for a DA2S supernet β follows α of
     * each cell type in the same stream.
     *
     * @param da2s whether this is DA2S's supernet (sharpened op weights, and β where a node drops inputs)
     */
    public ArchitectureParameters(NDManager manager, SearchSpace space, SplittableRandom rng, boolean da2s) {
        this.space = space;
        this.da2s = da2s;
        this.decisions = new EdgeDecisions(space);
        this.betaNodes = da2s ? nodesThatDropInputs(space) : List.of();
        int edges = space.edges().size();
        int ops = space.ops().size();
        for (CellType t : space.cellTypes()) {
            NDArray a = ParameterInit.normal(manager, rng, new Shape(edges, ops), 1e-3);
            a.setRequiresGradient(true);
            alpha.put(t, a);
            if (!betaNodes.isEmpty()) {
                beta.put(t, initialBeta(manager, rng));
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

    /** The computed nodes with more inputs than the space keeps per node, in node order. */
    private static List<Integer> nodesThatDropInputs(SearchSpace space) {
        List<Integer> nodes = new ArrayList<>();
        int k = space.inputsKeptPerNode();
        for (int node = space.inputNodes(); node < space.nodeCount(); node++) {
            if (k > 0 && space.incoming(node).size() > k) {
                nodes.add(node);
            }
        }
        return List.copyOf(nodes);
    }

    /** β = k/n_j on each input of node j, plus small noise (DAAS: 2/3, 2/4, 2/5). */
    private NDArray initialBeta(NDManager manager, SplittableRandom rng) {
        int size = 0;
        for (int node : betaNodes) {
            size += space.incoming(node).size();
        }
        float[] start = new float[size];
        int i = 0;
        for (int node : betaNodes) {
            int n = space.incoming(node).size();
            for (int j = 0; j < n; j++) {
                start[i++] = (float) space.inputsKeptPerNode() / n;
            }
        }
        NDArray noise = ParameterInit.normal(manager, rng, new Shape(size), BETA_NOISE);
        NDArray b = noise.add(manager.create(start));
        noise.close();
        b.setRequiresGradient(true);
        return b;
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

    /** Whether this is DA2S's supernet: op weights softmax(f(α)), and β on the nodes that drop inputs. */
    public boolean isDa2s() {
        return da2s;
    }

    /** Whether β exists: a DA2S supernet in a space whose nodes keep fewer inputs than they have. */
    public boolean hasBeta() {
        return !beta.isEmpty();
    }

    /** β of a cell type (see {@link #betaOffset}), or null when there is none. */
    public NDArray beta(CellType type) {
        return beta.get(type);
    }

    /** The nodes that have β, in node order (empty without β). */
    public List<Integer> betaNodes() {
        return betaNodes;
    }

    /**
     * Where the β of {@code node}'s first input sits in {@link #beta}; its other inputs follow in edge order.
     *
     * @throws IllegalArgumentException when the node has no β
     */
    public int betaOffset(int node) {
        int offset = 0;
        for (int n : betaNodes) {
            if (n == node) {
                return offset;
            }
            offset += space.incoming(n).size();
        }
        throw new IllegalArgumentException("node " + node + " has no edge weights β (nodes with β: " + betaNodes + ")");
    }

    /**
     * The op weights of the forward pass over each edge's candidates, as an array attached to the current scope:
     * softmax(α), or softmax(f(α)) on a DA2S supernet.
     */
    public NDArray softmax(CellType type) {
        NDArray a = da2s ? sharpen(alpha.get(type)) : alpha.get(type);
        NDArray m = candidateLogMask.get(type);
        return (m == null ? a : a.add(m)).softmax(1);
    }

    /** DA2S's f, elementwise: (2t)³ where 2t &lt; −1, else 2t (DAAS's {@code streng_func}). */
    public static NDArray sharpen(NDArray alpha) {
        NDArray x = Scalars.mul(alpha, 2f);
        return ai.djl.ndarray.NDArrays.where(Scalars.lt(x, -1f), Scalars.pow(x, 3f), x);
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

    /** A copy of {@link #softmax} as plain numbers: [edge][op], ops in {@link SearchSpace#ops()} order. */
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

    /** Entropy (nats) of the op weights ({@link #softmax}) on each edge. */
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
