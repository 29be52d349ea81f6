package org.dnaslab.select;

import org.dnaslab.space.Architecture;
import org.dnaslab.space.CellType;
import org.dnaslab.space.OpNames;
import org.dnaslab.space.SearchSpace;
import org.dnaslab.supernet.ArchitectureParameters;
import org.dnaslab.supernet.EdgeDecisions;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Turning a supernet into a discrete network and back: architectures as edge decisions, and their op shares. */
public final class Discretization {
    private Discretization() {
    }

    /**
     * Makes the supernet compute exactly {@code architecture}: every kept edge committed to its op (a hard one-hot,
     * α no longer matters), every other edge dropped. Earlier decisions are cleared first.
     */
    public static void apply(EdgeDecisions decisions, Architecture architecture) {
        decisions.clear();
        SearchSpace space = architecture.space();
        for (CellType t : space.cellTypes()) {
            for (int e = 0; e < space.edges().size(); e++) {
                if (architecture.kept(t, e)) {
                    decisions.commit(t, e, architecture.op(t, e));
                } else {
                    decisions.drop(t, e);
                }
            }
        }
    }

    /**
     * The architecture the decisions describe, once every edge is committed to an op or dropped; dropped edges are
     * not kept.
     *
     * @throws IllegalStateException naming an edge with no committed op
     */
    public static Architecture fromDecisions(ArchitectureParameters arch) {
        SearchSpace space = arch.space();
        EdgeDecisions d = arch.decisions();
        Map<CellType, List<String>> ops = new EnumMap<>(CellType.class);
        Map<CellType, List<Boolean>> kept = new EnumMap<>(CellType.class);
        for (CellType t : space.cellTypes()) {
            List<String> o = new ArrayList<>();
            List<Boolean> k = new ArrayList<>();
            for (int e = 0; e < space.edges().size(); e++) {
                boolean dropped = d.isDropped(t, e);
                if (!dropped && !d.isCommitted(t, e)) {
                    throw new IllegalStateException("the " + t.key() + " edge " + space.edges().get(e)
                            + " has no committed op yet");
                }
                o.add(dropped ? SearchSpace.NONE : space.ops().get(d.committedOp(t, e)));
                k.add(!dropped);
            }
            ops.put(t, o);
            kept.put(t, k);
        }
        return Architecture.of(space, ops, kept);
    }

    /** Share of the kept edges (all cell types) whose op has no weights (none, skip, pooling, noise). */
    public static double parameterFreeShare(Architecture a) {
        return share(a, OpNames::isParameterFree);
    }

    /** Share of the kept edges (all cell types) that are skip connections. */
    public static double skipShare(Architecture a) {
        return share(a, OpNames.SKIP_CONNECT::equals);
    }

    private static double share(Architecture a, java.util.function.Predicate<String> test) {
        int kept = 0;
        int hits = 0;
        for (CellType t : a.space().cellTypes()) {
            for (int e = 0; e < a.space().edges().size(); e++) {
                if (a.kept(t, e)) {
                    kept++;
                    if (test.test(a.op(t, e))) {
                        hits++;
                    }
                }
            }
        }
        return kept == 0 ? Double.NaN : (double) hits / kept;
    }

    /** The architecture's text: an NB201 string, or a DARTS genotype. */
    public static String text(Architecture a) {
        return a.space().keepsTopInputs() ? a.toGenotypeString() : a.toNb201String();
    }
}
