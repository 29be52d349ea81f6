package org.dnaslab.space;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * A discrete architecture: for each cell type, one operation per edge, and which edges are kept.
 * In NB201 every edge is kept (an edge can still be {@code none}); in DARTS-type spaces (darts, s1..s4) each
 * intermediate node keeps exactly {@link SearchSpace#inputsKeptPerNode()} inputs, a kept edge never carries
 * {@code none}, and a dropped edge carries {@code none} or any candidate of that edge.
 * Immutable.
 *
 * <p>Text form: {@link #toText()} and {@link #parse(SearchSpace, String)} choose, from the space, between the NB201
 * string ({@link #parseNb201}/{@link #toNb201String()}) and the DARTS genotype ({@link #parseGenotype}/
 * {@link #toGenotypeString()}); this is the one place that choice is made. JSON: {@link #toJson()}/{@link #fromJson(String)}, and a plain Jackson {@code ObjectMapper} reads and writes the same
 * form (see {@link ArchitectureJson}).
 */
@JsonSerialize(using = ArchitectureJson.Serializer.class)
@JsonDeserialize(using = ArchitectureJson.Deserializer.class)
public final class Architecture {
    private final SearchSpace space;
    private final Map<CellType, List<String>> ops;
    private final Map<CellType, List<Boolean>> kept;

    private Architecture(SearchSpace space, Map<CellType, List<String>> ops, Map<CellType, List<Boolean>> kept) {
        this.space = space;
        this.ops = ops;
        this.kept = kept;
    }

    /**
     * Builds and validates an architecture; {@code kept} may be null to keep every edge (right for NB201; a
     * DARTS-type space then fails, since its nodes keep only some inputs).
     *
     * @throws IllegalArgumentException naming the cell, the edge and the rule broken
     */
    public static Architecture of(SearchSpace space, Map<CellType, List<String>> ops, Map<CellType, List<Boolean>> kept) {
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(ops, "ops");
        EnumMap<CellType, List<String>> o = new EnumMap<>(CellType.class);
        EnumMap<CellType, List<Boolean>> k = new EnumMap<>(CellType.class);
        int edges = space.edges().size();
        String where = space.name() + " architecture: ";
        for (CellType t : space.cellTypes()) {
            List<String> cellOps = ops.get(t);
            if (cellOps == null) {
                throw new IllegalArgumentException(where + "missing the " + t.key() + " cell");
            }
            if (cellOps.size() != edges) {
                throw new IllegalArgumentException(where + "the " + t.key() + " cell has "
                        + cellOps.size() + " edges, expected " + edges);
            }
            List<Boolean> cellKept = kept == null ? null : kept.get(t);
            if (cellKept == null && space.keepsTopInputs()) {
                throw new IllegalArgumentException(where + "no kept flags for the " + t.key() + " cell; "
                        + space.name() + " keeps exactly " + space.inputsKeptPerNode()
                        + " inputs per intermediate node, so the kept edges must be given");
            } else if (cellKept == null) {
                cellKept = Collections.nCopies(edges, Boolean.TRUE);
            } else if (cellKept.size() != edges) {
                throw new IllegalArgumentException(where + "the " + t.key() + " cell marks "
                        + cellKept.size() + " edges as kept or not, expected " + edges);
            }
            for (int e = 0; e < edges; e++) {
                String op = cellOps.get(e);
                Boolean isKept = cellKept.get(e);
                String edge = t.key() + " edge " + space.edges().get(e) + " (edge " + e + ")";
                if (op == null || isKept == null) {
                    throw new IllegalArgumentException(where + "no " + (op == null ? "op" : "kept flag") + " on " + edge);
                }
                boolean droppedNone = !isKept && op.equals(OpNames.NONE);
                if (!droppedNone && !space.candidates(t, e).contains(op)) {
                    throw new IllegalArgumentException(where + "unknown op '" + op + "' on " + edge
                            + "; allowed: " + space.candidates(t, e));
                }
                if (!space.keepsTopInputs() && !isKept) {
                    throw new IllegalArgumentException(where + space.name() + " keeps every edge, but " + edge
                            + " is marked as dropped; use op none instead");
                }
                if (space.keepsTopInputs() && isKept && op.equals(OpNames.NONE)) {
                    throw new IllegalArgumentException(where + edge + " is kept but its op is none;"
                            + " a kept edge needs a real op");
                }
            }
            if (space.keepsTopInputs()) {
                checkInputsPerNode(space, t, cellKept);
            }
            o.put(t, List.copyOf(cellOps));
            k.put(t, List.copyOf(cellKept));
        }
        return new Architecture(space, o, k);
    }

    private static void checkInputsPerNode(SearchSpace space, CellType t, List<Boolean> cellKept) {
        for (int node = space.inputNodes(); node < space.nodeCount(); node++) {
            List<Edge> keptHere = new ArrayList<>();
            for (int e : space.incoming(node)) {
                if (cellKept.get(e)) {
                    keptHere.add(space.edges().get(e));
                }
            }
            if (keptHere.size() != space.inputsKeptPerNode()) {
                throw new IllegalArgumentException(space.name() + " architecture: node " + node + " of the "
                        + t.key() + " cell keeps " + keptHere.size() + " inputs " + keptHere + "; " + space.name()
                        + " keeps exactly " + space.inputsKeptPerNode() + " per intermediate node");
            }
        }
    }

    /** NB201-style shorthand: one op list for the single normal cell, every edge kept. */
    public static Architecture of(SearchSpace space, List<String> normalOps) {
        return of(space, Map.of(CellType.NORMAL, normalOps), null);
    }

    /**
     * Parses an NB201 string such as {@code |nor_conv_3x3~0|+|skip_connect~0|nor_conv_1x1~1|+|none~0|avg_pool_3x3~1|nor_conv_3x3~2|}
     * (node groups for nodes 1..3, separated by {@code +}, each listing {@code op~input}) into the nb201 space.
     */
    public static Architecture parseNb201(String text) {
        return Nb201Text.parse(SearchSpace.nb201(), text);
    }

    /** Parses an NB201 string into an NB201-shaped space (one input node, every edge kept). */
    public static Architecture parseNb201(SearchSpace space, String text) {
        return Nb201Text.parse(space, text);
    }

    /** This architecture as an NB201 string; only for spaces that keep every edge (nb201). */
    public String toNb201String() {
        return Nb201Text.format(this);
    }

    /**
     * Parses a DARTS genotype into the darts space: {@code Genotype(normal=[('sep_conv_3x3', 0), ...],
     * normal_concat=range(2, 6), reduce=[...], reduce_concat=range(2, 6))}, the {@code _concat} fields optional
     * (a range or a list, and then every intermediate node), or a bare {@code [...]} list of (op, input) pairs,
     * which then describes every cell type; a leading {@code NAME = } is ignored. Pairs come two per intermediate
     * node, nodes in order; dropped edges get op {@code none}.
     */
    public static Architecture parseGenotype(String text) {
        return GenotypeText.parse(SearchSpace.darts(), text);
    }

    /** Parses a DARTS genotype into a DARTS-type space (darts, s1..s4), checking ops against its candidates. */
    public static Architecture parseGenotype(SearchSpace space, String text) {
        return GenotypeText.parse(space, text);
    }

    /** This architecture as a DARTS genotype; inputs of a node in ascending order; DARTS-type spaces only. */
    public String toGenotypeString() {
        return GenotypeText.format(this);
    }

    /**
     * The usual text form of this architecture: a DARTS genotype for DARTS-type spaces (darts, s1..s4), which keep
     * a fixed number of inputs per node, otherwise (nb201) an NB201 string. {@link #parse(SearchSpace, String)}
     * reads it back.
     */
    public String toText() {
        return space.keepsTopInputs() ? toGenotypeString() : toNb201String();
    }

    /**
     * Reads the text form {@link #toText()} writes for {@code space}: a DARTS genotype for DARTS-type spaces,
     * otherwise an NB201 string. Ops are checked against the space's candidates.
     *
     * @throws IllegalArgumentException naming what in the text is wrong
     */
    public static Architecture parse(SearchSpace space, String text) {
        Objects.requireNonNull(space, "space");
        return space.keepsTopInputs() ? GenotypeText.parse(space, text) : Nb201Text.parse(space, text);
    }

    /**
     * Share of the kept edges (over all cell types) whose op passes {@code ops}; NaN when no edge is kept. The one
     * op-share count of the project: {@link #parameterFreeShare()} and {@link #skipShare()} are its usual cases.
     */
    public double share(Predicate<String> ops) {
        int keptEdges = 0;
        int hits = 0;
        for (CellType t : space.cellTypes()) {
            for (int e = 0; e < space.edges().size(); e++) {
                if (kept(t, e)) {
                    keptEdges++;
                    hits += ops.test(op(t, e)) ? 1 : 0;
                }
            }
        }
        return keptEdges == 0 ? Double.NaN : (double) hits / keptEdges;
    }

    /** Share of the kept edges whose op has no weights (none, skip, pooling, noise; {@link OpNames#isParameterFree}). */
    public double parameterFreeShare() {
        return share(OpNames::isParameterFree);
    }

    /** Share of the kept edges that are skip connections. */
    public double skipShare() {
        return share(OpNames.SKIP_CONNECT::equals);
    }

    /** This architecture as JSON, the form {@link ArchitectureJson} documents. */
    public String toJson() {
        return ArchitectureJson.write(this);
    }

    /** Reads the JSON form {@link ArchitectureJson} documents. */
    public static Architecture fromJson(String json) {
        return ArchitectureJson.read(json);
    }

    /**
     * An architecture drawn uniformly from the space. NB201 shape: each edge an op uniformly among its
     * candidates. DARTS type: per intermediate node, k distinct inputs uniformly, each with an op uniformly among its
     * candidates other than none; dropped edges get none.
     */
    public static Architecture sample(SearchSpace space, SplittableRandom random) {
        return UniformSampler.sample(space, random);
    }

    /** The search space this architecture is a cell of; it decides the text form and the valid ops. */
    public SearchSpace space() {
        return space;
    }

    /** The op on edge {@code edge} (an index into {@link SearchSpace#edges()}) of the cell type. */
    public String op(CellType type, int edge) {
        return ops.get(type).get(edge);
    }

    /** Whether the edge is part of the discrete cell (always so in nb201). */
    public boolean kept(CellType type, int edge) {
        return kept.get(type).get(edge);
    }

    /** One op per edge of the cell type, in the space's edge order (dropped edges included). */
    public List<String> ops(CellType type) {
        return ops.get(type);
    }

    /** One kept flag per edge of the cell type, in the space's edge order. */
    public List<Boolean> keptEdges(CellType type) {
        return kept.get(type);
    }

    /** The nodes whose outputs feed {@code node} through kept edges, ascending. */
    public List<Integer> keptInputs(CellType type, int node) {
        List<Integer> inputs = new ArrayList<>();
        for (int e : space.incoming(node)) {
            if (kept(type, e)) {
                inputs.add(space.edges().get(e).from());
            }
        }
        return inputs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Architecture a && a.space.name().equals(space.name()) && a.ops.equals(ops) && a.kept.equals(kept);
    }

    @Override
    public int hashCode() {
        return Objects.hash(space.name(), ops, kept);
    }

    /** The space name and the architecture's {@link #toText() text form} (a genotype shows kept edges only). */
    @Override
    public String toString() {
        return space.name() + " " + toText();
    }
}
