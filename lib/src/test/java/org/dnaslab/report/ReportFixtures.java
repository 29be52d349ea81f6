package org.dnaslab.report;

import org.dnaslab.search.EpochMetrics;
import org.dnaslab.space.Architecture;
import org.dnaslab.space.CellType;
import org.dnaslab.space.SearchSpace;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Made-up search histories whose numbers are known. */
final class ReportFixtures {
    private ReportFixtures() {
    }

    /** Epochs 0..n-1; edge e drifts towards op (e % 5); the selected cell is all skip connections from epoch 2 on. */
    static List<EpochMetrics> nb201History(int n) {
        List<EpochMetrics> h = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[][] p = new double[6][5];
            double[] entropy = new double[6];
            for (int e = 0; e < 6; e++) {
                double favourite = 0.2 + 0.1 * i;
                for (int o = 0; o < 5; o++) {
                    p[e][o] = o == e % 5 ? favourite : (1 - favourite) / 4;
                }
                for (double v : p[e]) {
                    entropy[e] -= v * Math.log(v);
                }
            }
            String arch = i >= 2 ? "|skip_connect~0|+|skip_connect~0|skip_connect~1|+|skip_connect~0|skip_connect~1|skip_connect~2|"
                    : "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_1x1~1|+|none~0|nor_conv_3x3~1|avg_pool_3x3~2|";
            h.add(new EpochMetrics(i, 2.0 - 0.2 * i, 0.3 + 0.05 * i, 2.1 - 0.2 * i, 0.25 + 0.05 * i, 0.025, 1.5,
                    Map.of("normal", p), Map.of("normal", entropy), Architecture.parseNb201(arch)));
        }
        return h;
    }

    /**
     * A two-epoch history of a DARTS-type space (darts, s1..s4): softmax(α) uniform over the space's ops; every
     * intermediate node keeps its inputs from nodes 0 and 1. After epoch 1 every kept edge holds its first
     * candidate that is not parameter-free; after epoch 2 node 2's two edges hold a parameter-free candidate where
     * they have one (4 of 16 kept edges, normal and reduce, in s2, s3 and s4).
     */
    static List<EpochMetrics> dartsTypeHistory(SearchSpace space) {
        int edges = space.edges().size();
        int ops = space.ops().size();
        Map<String, double[][]> softmax = new LinkedHashMap<>();
        Map<String, double[]> entropy = new LinkedHashMap<>();
        for (CellType t : space.cellTypes()) {
            double[][] p = new double[edges][ops];
            for (double[] row : p) {
                java.util.Arrays.fill(row, 1.0 / ops);
            }
            softmax.put(t.key(), p);
            double[] h = new double[edges];
            java.util.Arrays.fill(h, Math.log(ops));
            entropy.put(t.key(), h);
        }
        List<EpochMetrics> h = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            int freeNode = i == 0 ? -1 : 2;
            h.add(new EpochMetrics(i, 2.0 - 0.1 * i, 0.2 + 0.1 * i, 2.1 - 0.1 * i, 0.15 + 0.1 * i, 0.025, 3.0,
                    softmax, entropy, keepInputsZeroAndOne(space, freeNode)));
        }
        return h;
    }

    private static Architecture keepInputsZeroAndOne(SearchSpace space, int parameterFreeNode) {
        Map<CellType, List<String>> ops = new EnumMap<>(CellType.class);
        Map<CellType, List<Boolean>> kept = new EnumMap<>(CellType.class);
        Predicate<String> free = op -> op.equals("skip_connect") || op.equals("noise") || op.endsWith("_pool_3x3");
        for (CellType t : space.cellTypes()) {
            List<String> o = new ArrayList<>();
            List<Boolean> k = new ArrayList<>();
            for (int e = 0; e < space.edges().size(); e++) {
                boolean keep = space.edges().get(e).from() <= 1;
                List<String> real = space.candidates(t, e).stream().filter(op -> !op.equals("none")).toList();
                Predicate<String> wanted = space.edges().get(e).to() == parameterFreeNode ? free : free.negate();
                o.add(keep ? real.stream().filter(wanted).findFirst().orElse(real.get(0)) : "none");
                k.add(keep);
            }
            ops.put(t, o);
            kept.put(t, k);
        }
        return Architecture.of(space, ops, kept);
    }
}
