package org.dnaslab.supernet;

import org.dnaslab.space.Architecture;
import org.dnaslab.space.CellType;
import org.dnaslab.space.SearchSpace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What has been decided or perturbed on each edge, per cell type (shared by all cells of that type, like α):
 * ops masked out (weight 0, the others not renormalised), an edge committed to one op (a hard one-hot), or an
 * edge dropped from the topology. Mutable; {@link #snapshot()} and {@link #restore} make trials side-effect free.
 */
public final class EdgeDecisions {
    static final int UNDECIDED = -1;

    private final SearchSpace space;
    private final Map<CellType, int[]> committed = new EnumMap<>(CellType.class);
    private final Map<CellType, boolean[][]> masked = new EnumMap<>(CellType.class);
    private final Map<CellType, boolean[]> dropped = new EnumMap<>(CellType.class);

    public EdgeDecisions(SearchSpace space) {
        this.space = space;
        int edges = space.edges().size();
        int ops = space.ops().size();
        for (CellType t : space.cellTypes()) {
            int[] c = new int[edges];
            Arrays.fill(c, UNDECIDED);
            committed.put(t, c);
            masked.put(t, new boolean[edges][ops]);
            dropped.put(t, new boolean[edges]);
        }
    }

    /** Sets op {@code op} of the edge to weight 0 (the others keep their softmax weights). */
    public void mask(CellType type, int edge, String op) {
        masked.get(type)[edge][opIndex(op)] = true;
    }

    public void unmask(CellType type, int edge, String op) {
        masked.get(type)[edge][opIndex(op)] = false;
    }

    /** Makes the edge compute only {@code op}, with weight 1, whatever α says. */
    public void commit(CellType type, int edge, String op) {
        committed.get(type)[edge] = opIndex(op);
    }

    /**
     * Commits the supernet to exactly {@code architecture}: every kept edge to its op (a hard one-hot, α no longer
     * matters), every other edge dropped. Earlier decisions are cleared first. {@link #toArchitecture()} reads it
     * back.
     *
     * @throws IllegalArgumentException when the architecture is of another space
     */
    public void commit(Architecture architecture) {
        if (!architecture.space().name().equals(space.name())) {
            throw new IllegalArgumentException("an architecture of the " + architecture.space().name()
                    + " space cannot be committed to decisions of the " + space.name() + " space");
        }
        clear();
        for (CellType t : space.cellTypes()) {
            for (int e = 0; e < space.edges().size(); e++) {
                if (architecture.kept(t, e)) {
                    commit(t, e, architecture.op(t, e));
                } else {
                    drop(t, e);
                }
            }
        }
    }

    /**
     * The architecture these decisions describe, once every edge is committed to an op or dropped; dropped edges
     * are not kept and carry {@code none}.
     *
     * @throws IllegalStateException naming an edge with no committed op
     */
    public Architecture toArchitecture() {
        Map<CellType, List<String>> ops = new EnumMap<>(CellType.class);
        Map<CellType, List<Boolean>> kept = new EnumMap<>(CellType.class);
        for (CellType t : space.cellTypes()) {
            List<String> o = new ArrayList<>();
            List<Boolean> k = new ArrayList<>();
            for (int e = 0; e < space.edges().size(); e++) {
                boolean isDropped = isDropped(t, e);
                if (!isDropped && !isCommitted(t, e)) {
                    throw new IllegalStateException("the " + t.key() + " edge " + space.edges().get(e)
                            + " has no committed op yet");
                }
                o.add(isDropped ? SearchSpace.NONE : space.ops().get(committedOp(t, e)));
                k.add(!isDropped);
            }
            ops.put(t, o);
            kept.put(t, k);
        }
        return Architecture.of(space, ops, kept);
    }

    /** Removes the edge from its node's sum (topology selection). */
    public void drop(CellType type, int edge) {
        dropped.get(type)[edge] = true;
    }

    public void restoreEdge(CellType type, int edge) {
        dropped.get(type)[edge] = false;
    }

    public boolean isMasked(CellType type, int edge, int op) {
        return masked.get(type)[edge][op];
    }

    /** The committed op's index in {@link SearchSpace#ops()}, or -1. */
    public int committedOp(CellType type, int edge) {
        return committed.get(type)[edge];
    }

    public boolean isCommitted(CellType type, int edge) {
        return committed.get(type)[edge] != UNDECIDED;
    }

    public boolean isDropped(CellType type, int edge) {
        return dropped.get(type)[edge];
    }

    private int opIndex(String op) {
        int i = space.ops().indexOf(op);
        if (i < 0) {
            throw new IllegalArgumentException("op '" + op + "' is not in the " + space.name() + " space " + space.ops());
        }
        return i;
    }

    /** An immutable copy of every decision. */
    public Snapshot snapshot() {
        Map<CellType, int[]> c = new EnumMap<>(CellType.class);
        Map<CellType, boolean[][]> m = new EnumMap<>(CellType.class);
        Map<CellType, boolean[]> d = new EnumMap<>(CellType.class);
        for (CellType t : space.cellTypes()) {
            c.put(t, committed.get(t).clone());
            boolean[][] mm = masked.get(t).clone();
            for (int i = 0; i < mm.length; i++) {
                mm[i] = mm[i].clone();
            }
            m.put(t, mm);
            d.put(t, dropped.get(t).clone());
        }
        return new Snapshot(c, m, d);
    }

    public void restore(Snapshot s) {
        for (CellType t : space.cellTypes()) {
            System.arraycopy(s.committed.get(t), 0, committed.get(t), 0, committed.get(t).length);
            boolean[][] mm = masked.get(t);
            for (int i = 0; i < mm.length; i++) {
                System.arraycopy(s.masked.get(t)[i], 0, mm[i], 0, mm[i].length);
            }
            System.arraycopy(s.dropped.get(t), 0, dropped.get(t), 0, dropped.get(t).length);
        }
    }

    /** Clears every mask, commitment and dropped edge. */
    public void clear() {
        restore(new EdgeDecisions(space).snapshot());
    }

    /** A saved state of {@link EdgeDecisions}. */
    public static final class Snapshot {
        private final Map<CellType, int[]> committed;
        private final Map<CellType, boolean[][]> masked;
        private final Map<CellType, boolean[]> dropped;

        private Snapshot(Map<CellType, int[]> c, Map<CellType, boolean[][]> m, Map<CellType, boolean[]> d) {
            this.committed = c;
            this.masked = m;
            this.dropped = d;
        }
    }
}
