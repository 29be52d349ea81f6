package org.dnaslab.space;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical form of NB201 cells: two cells that compute the same function share one {@link #key key}, and each
 * class has one {@link #representative representative} cell, the one a ground-truth table trains.
 *
 * <p>The key is the cell's output written as an expression of the input {@code x}: a node is the sum of its live
 * inputs, each {@code op(input)}. Four rules make equal functions equal strings:
 * <ul>
 *   <li><b>Sums are multisets.</b> The terms of a node are sorted, so node orderings that are isomorphic (nodes 1 and
 *       2 swapped where no edge joins them) give the same string; a repeated term stays repeated, since
 *       {@code conv(x) + conv(x)} with two weights is not one conv.</li>
 *   <li><b>{@code skip_connect} is the identity</b>: its input's terms join the sum of the node it feeds.</li>
 *   <li><b>{@code none} and zero are dropped</b>: a {@code none} edge adds nothing, a node with no nonzero input is
 *       zero, and any op of zero is zero. Edges cut off from the input, or whose node never reaches the output, so
 *       leave no trace.</li>
 *   <li><b>{@code avg_pool_3x3} is linear</b> (a plain pool in a discrete NB201 network, no batch norm):
 *       {@code avg_pool_3x3(a+b)} is written {@code avg_pool_3x3(a)+avg_pool_3x3(b)}.</li>
 * </ul>
 * All four are exact in real arithmetic but for one caveat in the third, which follows NAS-Bench-201's convention:
 * a ReLU-conv-BN of a zero tensor is BN's learned shift, a per-channel constant, not zero. Treating it as zero is
 * what every NB201 study does; the key claims no more than that.
 *
 * <p>Of the 15,625 NB201 cells, {@link #uniqueCells()} has one per class; the count and how it relates to
 * NAS-Bench-201's 6,466 are in DESIGN.md.
 */
public final class Nb201Canonical {
    /** The key of every cell whose output does not depend on its input (the output node is cut off). */
    public static final String ZERO = "0";
    private static final String INPUT = "x";

    private static volatile Classes classes;

    private Nb201Canonical() {
    }

    /**
     * The canonical key of an NB201 cell: its output as a sorted-sum expression of {@code x}, for example
     * {@code nor_conv_3x3(x)+x} for a residual 3x3 convolution.
     *
     * @throws IllegalArgumentException if the architecture is not of the nb201 space
     */
    public static String key(Architecture cell) {
        requireNb201(cell);
        SearchSpace space = cell.space();
        List<List<String>> nodes = new ArrayList<>();
        nodes.add(List.of(INPUT));
        for (int node = 1; node < space.nodeCount(); node++) {
            List<String> terms = new ArrayList<>();
            for (int e : space.incoming(node)) {
                String op = cell.op(CellType.NORMAL, e);
                List<String> input = nodes.get(space.edges().get(e).from());
                if (op.equals(OpNames.NONE) || input.isEmpty()) {
                    continue;
                }
                if (op.equals(OpNames.SKIP_CONNECT)) {
                    terms.addAll(input);
                } else if (op.equals(OpNames.AVG_POOL_3X3)) {
                    // Average pooling is linear: pool(a + b) = pool(a) + pool(b).
                    input.forEach(term -> terms.add(op + "(" + term + ")"));
                } else {
                    terms.add(op + "(" + String.join("+", input) + ")");
                }
            }
            Collections.sort(terms);
            nodes.add(terms);
        }
        List<String> output = nodes.get(space.nodeCount() - 1);
        return output.isEmpty() ? ZERO : String.join("+", output);
    }

    /** Whether two NB201 cells compute the same function under the rules of this class. */
    public static boolean equivalent(Architecture a, Architecture b) {
        return key(a).equals(key(b));
    }

    /**
     * The representative of the cell's class: among the cells with its key, the one whose op indices (in the space's
     * op order, {@code none} first) are smallest edge by edge. Dead edges of a representative are therefore
     * {@code none}.
     */
    public static Architecture representative(Architecture cell) {
        return classes().representatives.get(key(cell));
    }

    /** One representative per class, ordered by key; a uniform draw over this list is a draw over functions. */
    public static List<Architecture> uniqueCells() {
        return List.copyOf(classes().representatives.values());
    }

    /** The number of cells of the whole space in the class of {@code cell}. */
    public static int classSize(Architecture cell) {
        return classes().sizes.get(key(cell));
    }

    /** Every one of the 15,625 NB201 cells, in order of op indices (edge 0 slowest). */
    public static List<Architecture> allCells() {
        SearchSpace space = SearchSpace.nb201();
        List<String> ops = space.ops();
        int edges = space.edges().size();
        int total = (int) Math.pow(ops.size(), edges);
        List<Architecture> cells = new ArrayList<>(total);
        for (int code = 0; code < total; code++) {
            String[] cellOps = new String[edges];
            int rest = code;
            for (int e = edges - 1; e >= 0; e--) {
                cellOps[e] = ops.get(rest % ops.size());
                rest /= ops.size();
            }
            cells.add(Architecture.of(space, List.of(cellOps)));
        }
        return cells;
    }

    private static Classes classes() {
        Classes c = classes;
        if (c == null) {
            synchronized (Nb201Canonical.class) {
                if (classes == null) {
                    classes = Classes.enumerate();
                }
                c = classes;
            }
        }
        return c;
    }

    private static void requireNb201(Architecture cell) {
        if (!cell.space().name().equals("nb201")) {
            throw new IllegalArgumentException("the canonical form is defined for nb201 cells, got a "
                    + cell.space().name() + " architecture");
        }
    }

    /** The whole space grouped by key, computed once (15,625 cells, a few milliseconds). */
    private record Classes(Map<String, Architecture> representatives, Map<String, Integer> sizes) {
        static Classes enumerate() {
            Map<String, Architecture> first = new LinkedHashMap<>();
            Map<String, Integer> sizes = new LinkedHashMap<>();
            // allCells() runs in increasing op-index order, so the first cell of a key is its representative.
            for (Architecture cell : allCells()) {
                String k = key(cell);
                first.putIfAbsent(k, cell);
                sizes.merge(k, 1, Integer::sum);
            }
            return new Classes(Collections.unmodifiableMap(new TreeMap<>(first)), Map.copyOf(sizes));
        }
    }
}
