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
    /** The name of the zero op, {@code none}. */
    public static final String NONE = OpNames.NONE;

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
            for (List<String> edgeOps : perEdge) {
                for (String op : edgeOps) {
                    if (!this.ops.contains(op)) {
                        throw new IllegalArgumentException("space " + name + ": candidate '" + op
                                + "' is not among the space's ops " + this.ops);
                    }
                }
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

    /** The space's name as configs and records spell it ({@code nb201}, {@code darts}, {@code s1} … {@code s4}). */
    public String name() {
        return name;
    }

    /** Every operation that appears anywhere in the space, in canonical order. */
    public List<String> ops() {
        return ops;
    }

    /**
     * Nodes that enter a cell from outside (NB201: 1, the previous cell's output; DARTS: 2, the two previous cells).
     */
    public int inputNodes() {
        return inputNodes;
    }

    /** Nodes a cell computes from its incoming edges (NB201: 3, DARTS: 4). */
    public int intermediateNodes() {
        return intermediateNodes;
    }

    /** Input plus intermediate nodes. */
    public int nodeCount() {
        return inputNodes + intermediateNodes;
    }

    /** The cell types with their own α: normal only (NB201), or normal and reduction (the DARTS spaces). */
    public List<CellType> cellTypes() {
        return cellTypes;
    }

    /** The edges in canonical order (by target node, then source node); an edge's index is its position here. */
    public List<Edge> edges() {
        return edges;
    }

    /** The position of {@code edge} in {@link #edges()}; throws when the space has no such edge. */
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

    /**
     * Zela et al.'s S1 (RobustDARTS, ICLR 2020): on the DARTS cell, each edge has its own two candidates, the two
     * ops DARTS ranked highest on that edge in the authors' runs. Candidates are listed per edge in canonical
     * edge order, transcribed from the paper's {@code src/spaces.py}.
     */
    public static SearchSpace s1() {
        String skip = OpNames.SKIP_CONNECT, sep3 = OpNames.SEP_CONV_3X3, dil3 = OpNames.DIL_CONV_3X3,
                dil5 = OpNames.DIL_CONV_5X5, max = OpNames.MAX_POOL_3X3, avg = OpNames.AVG_POOL_3X3;
        List<List<String>> normal = List.of(
                List.of(skip, dil3), List.of(skip, dil5),                                        // node 2
                List.of(skip, dil5), List.of(skip, sep3), List.of(skip, dil3),                   // node 3
                List.of(max, skip), List.of(skip, sep3), List.of(skip, sep3), List.of(skip, dil3), // node 4
                List.of(skip, sep3), List.of(max, skip), List.of(skip, dil3), List.of(dil3, dil5),
                List.of(dil3, dil5));                                                             // node 5
        List<List<String>> reduce = List.of(
                List.of(max, avg), List.of(max, dil3),
                List.of(max, avg), List.of(max, avg), List.of(skip, dil5),
                List.of(max, avg), List.of(max, sep3), List.of(skip, dil3), List.of(skip, dil5),
                List.of(max, avg), List.of(max, avg), List.of(skip, dil5), List.of(skip, dil5),
                List.of(skip, dil5));
        return dartsCell("s1", normal, reduce);
    }

    /** Zela et al.'s S2: {skip_connect, sep_conv_3x3} on every edge of the DARTS cell. */
    public static SearchSpace s2() {
        return dartsCellEverywhere("s2", List.of(OpNames.SKIP_CONNECT, OpNames.SEP_CONV_3X3));
    }

    /** Zela et al.'s S3: {none, skip_connect, sep_conv_3x3} on every edge of the DARTS cell. */
    public static SearchSpace s3() {
        return dartsCellEverywhere("s3", List.of(NONE, OpNames.SKIP_CONNECT, OpNames.SEP_CONV_3X3));
    }

    /** Zela et al.'s S4: {noise, sep_conv_3x3} on every edge of the DARTS cell. */
    public static SearchSpace s4() {
        return dartsCellEverywhere("s4", List.of(OpNames.NOISE, OpNames.SEP_CONV_3X3));
    }

    private static SearchSpace dartsCellEverywhere(String name, List<String> ops) {
        List<List<String>> perEdge = java.util.Collections.nCopies(14, ops);
        return dartsCell(name, perEdge, perEdge);
    }

    /** A DARTS-shaped space (2 inputs, 4 intermediate nodes, normal and reduce, top-2) with per-edge candidates. */
    private static SearchSpace dartsCell(String name, List<List<String>> normal, List<List<String>> reduce) {
        // The space's op list is the union of its candidates, in the vocabulary's order, so it is stable.
        java.util.Set<String> used = new java.util.HashSet<>();
        normal.forEach(used::addAll);
        reduce.forEach(used::addAll);
        List<String> ops = OpNames.all().stream().filter(used::contains).toList();
        Map<CellType, List<List<String>>> cand = new EnumMap<>(CellType.class);
        cand.put(CellType.NORMAL, normal);
        cand.put(CellType.REDUCE, reduce);
        return new SearchSpace(name, ops, 2, 4, List.of(CellType.NORMAL, CellType.REDUCE), cand, 2);
    }

    /** Names accepted by {@link #byName}. */
    public static List<String> names() {
        return List.of("nb201", "darts", "s1", "s2", "s3", "s4");
    }

    /** The space with the given name: nb201, darts, s1, s2, s3 or s4 (case-insensitive). */
    public static SearchSpace byName(String name) {
        Objects.requireNonNull(name, "space name");
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "nb201" -> nb201();
            case "darts" -> darts();
            case "s1" -> s1();
            case "s2" -> s2();
            case "s3" -> s3();
            case "s4" -> s4();
            default -> throw new IllegalArgumentException("unknown search space '" + name + "'; expected one of "
                    + names());
        };
    }

    /**
     * Whether a discrete cell keeps a fixed number of inputs per node and reads as a DARTS genotype (darts, s1..s4);
     * otherwise every edge is kept and the cell reads as an NB201 string.
     */
    public boolean keepsTopInputs() {
        return inputsKeptPerNode > 0;
    }

    @Override
    public String toString() {
        return name + " space (" + edges.size() + " edges, ops " + ops + ")";
    }
}
