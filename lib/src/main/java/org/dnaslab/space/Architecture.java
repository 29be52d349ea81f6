package org.dnaslab.space;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A discrete architecture: for each cell type, one operation per edge, and which edges are kept.
 * In NB201 every edge is kept (an edge can still be {@code none}); in DARTS two inputs per node are kept.
 * Immutable.
 */
public final class Architecture {
    private final SearchSpace space;
    private final Map<CellType, List<String>> ops;
    private final Map<CellType, List<Boolean>> kept;

    private Architecture(SearchSpace space, Map<CellType, List<String>> ops, Map<CellType, List<Boolean>> kept) {
        this.space = space;
        this.ops = ops;
        this.kept = kept;
    }

    /** Builds and validates an architecture; {@code kept} may be null to keep every edge. */
    public static Architecture of(SearchSpace space, Map<CellType, List<String>> ops, Map<CellType, List<Boolean>> kept) {
        Objects.requireNonNull(space, "space");
        EnumMap<CellType, List<String>> o = new EnumMap<>(CellType.class);
        EnumMap<CellType, List<Boolean>> k = new EnumMap<>(CellType.class);
        int edges = space.edges().size();
        for (CellType t : space.cellTypes()) {
            List<String> cellOps = ops.get(t);
            if (cellOps == null) {
                throw new IllegalArgumentException(space.name() + " architecture: missing the " + t.key() + " cell");
            }
            if (cellOps.size() != edges) {
                throw new IllegalArgumentException(space.name() + " architecture: the " + t.key() + " cell has "
                        + cellOps.size() + " edges, expected " + edges);
            }
            for (int e = 0; e < edges; e++) {
                String op = cellOps.get(e);
                if (!space.candidates(t, e).contains(op)) {
                    throw new IllegalArgumentException(space.name() + " architecture: unknown op '" + op + "' on "
                            + t.key() + " edge " + space.edges().get(e) + "; expected one of " + space.candidates(t, e));
                }
            }
            o.put(t, List.copyOf(cellOps));
            List<Boolean> cellKept = kept == null ? null : kept.get(t);
            if (cellKept == null) {
                cellKept = java.util.Collections.nCopies(edges, Boolean.TRUE);
            } else if (cellKept.size() != edges) {
                throw new IllegalArgumentException(space.name() + " architecture: the " + t.key() + " cell marks "
                        + cellKept.size() + " edges as kept or not, expected " + edges);
            }
            k.put(t, List.copyOf(cellKept));
        }
        return new Architecture(space, o, k);
    }

    /** NB201-style shorthand: one op list for the single normal cell, every edge kept. */
    public static Architecture of(SearchSpace space, List<String> normalOps) {
        return of(space, Map.of(CellType.NORMAL, normalOps), null);
    }

    public SearchSpace space() {
        return space;
    }

    public String op(CellType type, int edge) {
        return ops.get(type).get(edge);
    }

    public boolean kept(CellType type, int edge) {
        return kept.get(type).get(edge);
    }

    public List<String> ops(CellType type) {
        return ops.get(type);
    }

    public List<Boolean> keptEdges(CellType type) {
        return kept.get(type);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Architecture a && a.space.name().equals(space.name()) && a.ops.equals(ops) && a.kept.equals(kept);
    }

    @Override
    public int hashCode() {
        return Objects.hash(space.name(), ops, kept);
    }

    @Override
    public String toString() {
        return space.name() + " " + ops + (space.inputsKeptPerNode() > 0 ? " kept " + kept : "");
    }
}
