package org.dnaslab.supernet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import org.dnaslab.ops.BatchNorm2d;
import org.dnaslab.ops.ForwardMode;
import org.dnaslab.ops.Functional;
import org.dnaslab.ops.Op;
import org.dnaslab.ops.ReluConvBn;
import org.dnaslab.space.Edge;
import org.dnaslab.space.SearchSpace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the ReLU-conv-BN ops that read the same node as one wider convolution: their weights are concatenated
 * along the output channels, one batch norm covers the joined channels, and the result is split back per op.
 * Exact (within float rounding) because a plain batch norm is per channel; faster on CPU because one convolution
 * with 3·C outputs uses the machine better than three with C. Only ops that are computed in this forward join.
 */
final class MergedConvolutions {
    /** Ops of one kernel geometry leaving one node: edge index, op index, op. */
    private record Member(int edge, int op, ReluConvBn conv) {
    }

    private final Map<Integer, List<List<Member>>> groupsBySource = new LinkedHashMap<>();

    MergedConvolutions(SearchSpace space, MixedOp[] edges) {
        for (int node = 0; node < space.nodeCount(); node++) {
            Map<String, List<Member>> byGeometry = new LinkedHashMap<>();
            for (int e = 0; e < edges.length; e++) {
                Edge edge = space.edges().get(e);
                if (edge.from() != node) {
                    continue;
                }
                for (int o = 0; o < space.ops().size(); o++) {
                    Op op = edges[e].op(o);
                    if (op instanceof ReluConvBn c && c.isMergeable()) {
                        String key = c.kernel() + "/" + c.stride() + "/" + c.padding() + "/" + c.dilation();
                        byGeometry.computeIfAbsent(key, k -> new ArrayList<>()).add(new Member(e, o, c));
                    }
                }
            }
            List<List<Member>> groups = new ArrayList<>();
            for (List<Member> g : byGeometry.values()) {
                if (g.size() > 1) {
                    groups.add(g);
                }
            }
            if (!groups.isEmpty()) {
                groupsBySource.put(node, groups);
            }
        }
    }

    boolean isEmpty() {
        return groupsBySource.isEmpty();
    }

    /** Computes, once per forward, the merged outputs of the ops leaving {@code node} that this forward uses. */
    void prepare(NodeInput in, int node, ForwardWeights weights, org.dnaslab.space.CellType type, ForwardMode mode) {
        if (in.hasMerged()) {
            return;
        }
        Map<Integer, NDArray> outputs = NodeInput.newMap();
        List<List<Member>> groups = groupsBySource.get(node);
        if (groups != null) {
            for (List<Member> group : groups) {
                List<Member> active = new ArrayList<>();
                for (Member m : group) {
                    if (weights.edge(type, m.edge()).computes(m.op())) {
                        active.add(m);
                    }
                }
                if (active.size() < 2) {
                    continue;
                }
                NDList kernels = new NDList();
                for (Member m : active) {
                    kernels.add(m.conv().weight().getArray());
                }
                ReluConvBn first = active.get(0).conv();
                NDArray y = Functional.conv2d(in.relu(), NDArrays.concat(kernels, 0), first.stride(), first.padding(),
                        first.dilation(), 1);
                NDList parts = BatchNorm2d.plain(y).split(active.size(), 1);
                for (int i = 0; i < active.size(); i++) {
                    outputs.put(NodeInput.key(active.get(i).edge(), active.get(i).op()), parts.get(i));
                }
            }
        }
        in.setMerged(outputs);
    }
}
