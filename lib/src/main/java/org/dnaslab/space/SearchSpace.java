package org.dnaslab.space;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A cell search space: the DAG of one cell (its nodes and edges), the candidate operations on each edge,
 * and how a discrete cell is read off (edges kept per node). Immutable.
 */
public final class SearchSpace {
    public static final String NONE = "none";

    private final String name;
    private final List<String> ops;
    private final int inputNodes;
    private final int intermediateNodes;
    private final List<CellType> cellTypes;
    private final List<Edge> edges;
    private final Map<CellType, List<List<String>>> candidates;
    private final int inputsKeptPerNode;

    SearchSpace(String name, List<String> ops, int inputNodes, int intermediateNodes, List<CellType> cellTypes,
                Map<CellType, List<List<String>>> candidates, int inputsKeptPerNode) {
        this.name = Objects.requireNonNull(name);
        this.ops = List.copyOf(ops);
        this.inputNodes = inputNodes;
        this.intermediateNodes = intermediateNodes;
        this.cellTypes = List.copyOf(cellTypes);
        this.edges = denseEdges(inputNodes, intermediateNodes);
        EnumMap<CellType, List<List<String>>> copy = new EnumMap<>(CellType.class);
        for (CellType t : cellTypes) {
            List<List<String>> perEdge = candidates.get(t);
            if (perEdge == null || perEdge.size() != edges.size()) {
                throw new IllegalArgumentException("space " + name + ": cell " + t.key() + " needs candidates for "
                        + edges.size() + " edges");
            }
            copy.put(t, perEdge.stream().map(List::copyOf).toList());
        }
        this.candidates = copy;
        this.inputsKeptPerNode = inputsKeptPerNode;
    }

    /** Every node after the inputs takes an edge from every earlier node, in order of (to, from). */
    private static List<Edge> denseEdges(int inputs, int intermediates) {
        List<Edge> list = new ArrayList<>();
        int firstComputed = inputs;
        for (int to = firstComputed; to < inputs + intermediates; to++) {
            for (int from = 0; from < to; from++) {
                list.add(new Edge(to, from));
            }
        }
        return List.copyOf(list);
    }

    public String name() {
        return name;
    }

    /** Every operation that appears anywhere in the space, in canonical order. */
    public List<String> ops() {
        return ops;
    }

    public int inputNodes() {
        return inputNodes;
    }

    public int intermediateNodes() {
        return intermediateNodes;
    }

    public int nodeCount() {
        return inputNodes + intermediateNodes;
    }

    public List<CellType> cellTypes() {
        return cellTypes;
    }

    /** The edges in canonical order (by target node, then source node); an edge's index is its position here. */
    public List<Edge> edges() {
        return edges;
    }

    public int edgeIndex(Edge edge) {
        int i = edges.indexOf(edge);
        if (i < 0) {
            throw new IllegalArgumentException("space " + name + " has no edge " + edge);
        }
        return i;
    }

    /** Indices of the edges that enter {@code node}. */
    public List<Integer> incoming(int node) {
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < edges.size(); i++) {
            if (edges.get(i).to() == node) {
                list.add(i);
            }
        }
        return list;
    }

    /** Candidate operations of one edge, in canonical order. */
    public List<String> candidates(CellType type, int edgeIndex) {
        List<List<String>> perEdge = candidates.get(type);
        if (perEdge == null) {
            throw new IllegalArgumentException("space " + name + " has no " + type.key() + " cell");
        }
        return perEdge.get(edgeIndex);
    }

    /** Inputs kept per intermediate node in a discrete cell: 2 for DARTS, 0 meaning "all" for NB201. */
    public int inputsKeptPerNode() {
        return inputsKeptPerNode;
    }

    /** Whether the cell output concatenates the intermediate nodes (DARTS) or is the last node (NB201). */
    public boolean concatenatesOutput() {
        return inputNodes == 2;
    }

    /** NAS-Bench-201: 4 nodes, 6 edges, 5 ops with {@code none}; one normal cell type. */
    public static SearchSpace nb201() {
        List<String> ops = List.of(NONE, "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3");
        return uniform("nb201", ops, 1, 3, List.of(CellType.NORMAL), 0);
    }

    /** DARTS: 2 input nodes, 4 intermediate nodes, 14 edges, 8 ops; normal and reduction cells; top-2 inputs. */
    public static SearchSpace darts() {
        List<String> ops = List.of(NONE, "max_pool_3x3", "avg_pool_3x3", "skip_connect",
                "sep_conv_3x3", "sep_conv_5x5", "dil_conv_3x3", "dil_conv_5x5");
        return uniform("darts", ops, 2, 4, List.of(CellType.NORMAL, CellType.REDUCE), 2);
    }

    static SearchSpace uniform(String name, List<String> ops, int inputs, int intermediates,
                               List<CellType> types, int kept) {
        int edgeCount = denseEdges(inputs, intermediates).size();
        Map<CellType, List<List<String>>> cand = new EnumMap<>(CellType.class);
        for (CellType t : types) {
            List<List<String>> perEdge = new ArrayList<>();
            for (int e = 0; e < edgeCount; e++) {
                perEdge.add(ops);
            }
            cand.put(t, perEdge);
        }
        return new SearchSpace(name, ops, inputs, intermediates, types, cand, kept);
    }

    /** The space with the given name: nb201, darts (and, where provided, s1..s4). */
    public static SearchSpace byName(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "nb201" -> nb201();
            case "darts" -> darts();
            default -> throw new IllegalArgumentException("unknown search space '" + name + "'; expected nb201 or darts");
        };
    }

    @Override
    public String toString() {
        return name + " space (" + edges.size() + " edges, ops " + ops + ")";
    }
}
