package org.dnaslab.supernet;

import org.dnaslab.space.Architecture;
import org.dnaslab.space.CellType;
import org.dnaslab.space.SearchSpace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * DARTS's discretization by magnitude: on each edge the op with the largest softmax(α) (softmax(f(α)) on a DA2S
 * supernet: f is increasing, so the argmax is the same). NB201 keeps {@code none}
 * as a candidate and keeps every edge; DARTS-type spaces exclude {@code none} and keep, per node, the inputs whose
 * best op weighs most (with DA2S's β, times the input's edge weight softmax(min(β, 1))). It lives next to α so
 * that the search can report its current architecture without depending on the selection package.
 */
public final class MagnitudeDiscretization {
    private MagnitudeDiscretization() {
    }

    public static Architecture of(ArchitectureParameters arch) {
        SearchSpace space = arch.space();
        Map<CellType, double[][]> weights = new EnumMap<>(CellType.class);
        for (CellType t : space.cellTypes()) {
            double[][] p = arch.softmaxSnapshot(t);
            if (arch.hasBeta() && space.keepsTopInputs()) {
                scaleByEdgeWeights(arch, p, arch.beta(t).toFloatArray());
            }
            weights.put(t, p);
        }
        return of(space, weights);
    }

    /** Multiplies each edge's row by softmax(min(β, 1)) over its node's inputs (argmax per edge is unchanged). */
    private static void scaleByEdgeWeights(ArchitectureParameters arch, double[][] p, float[] beta) {
        SearchSpace space = arch.space();
        for (int node : arch.betaNodes()) {
            List<Integer> in = space.incoming(node);
            int offset = arch.betaOffset(node);
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < in.size(); i++) {
                max = Math.max(max, Math.min(beta[offset + i], 1.0));
            }
            double sum = 0;
            double[] w = new double[in.size()];
            for (int i = 0; i < w.length; i++) {
                w[i] = Math.exp(Math.min(beta[offset + i], 1.0) - max);
                sum += w[i];
            }
            for (int i = 0; i < w.length; i++) {
                double[] row = p[in.get(i)];
                for (int o = 0; o < row.length; o++) {
                    row[o] *= w[i] / sum;
                }
            }
        }
    }

    /** @param softmax per cell type, [edge][op] in {@link SearchSpace#ops()} order */
    public static Architecture of(SearchSpace space, Map<CellType, double[][]> softmax) {
        boolean excludeNone = space.inputsKeptPerNode() > 0;
        Map<CellType, List<String>> ops = new EnumMap<>(CellType.class);
        Map<CellType, List<Boolean>> kept = new EnumMap<>(CellType.class);
        for (CellType t : space.cellTypes()) {
            double[][] p = softmax.get(t);
            int edges = space.edges().size();
            String[] best = new String[edges];
            double[] strength = new double[edges];
            for (int e = 0; e < edges; e++) {
                List<String> cand = space.candidates(t, e);
                strength[e] = Double.NEGATIVE_INFINITY;
                for (int o = 0; o < space.ops().size(); o++) {
                    String op = space.ops().get(o);
                    if (!cand.contains(op) || (excludeNone && SearchSpace.NONE.equals(op))) {
                        continue;
                    }
                    if (p[e][o] > strength[e]) {
                        strength[e] = p[e][o];
                        best[e] = op;
                    }
                }
            }
            List<Boolean> keep = new ArrayList<>();
            for (int e = 0; e < edges; e++) {
                keep.add(!excludeNone);
            }
            if (excludeNone) {
                for (int node = space.inputNodes(); node < space.nodeCount(); node++) {
                    List<Integer> in = new ArrayList<>(space.incoming(node));
                    in.sort(Comparator.comparingDouble((Integer e) -> -strength[e]).thenComparingInt(e -> e));
                    for (int k = 0; k < Math.min(space.inputsKeptPerNode(), in.size()); k++) {
                        keep.set(in.get(k), true);
                    }
                }
            }
            List<String> chosen = new ArrayList<>();
            for (int e = 0; e < edges; e++) {
                chosen.add(keep.get(e) ? best[e] : SearchSpace.NONE);
            }
            ops.put(t, chosen);
            kept.put(t, keep);
        }
        return Architecture.of(space, ops, kept);
    }
}
