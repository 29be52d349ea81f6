package org.dnaslab.space;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * NAS-Bench-201's text form of a cell: one {@code |op~input|...|} group per computed node, joined by {@code +}.
 * The groups list the edges of nodes 1, 2, 3 and, within a node, the inputs in any order (NB201 prints them
 * ascending, which is also our canonical edge order).
 */
final class Nb201Text {
    private Nb201Text() {
    }

    static Architecture parse(SearchSpace space, String text) {
        requireNb201Shape(space);
        if (text == null) {
            throw new IllegalArgumentException("NB201 string is null");
        }
        // Tables print long architectures with zero-width spaces so they wrap; text copied from one still parses.
        text = text.replace("\u200B", "");
        int nodes = space.intermediateNodes();
        String[] ops = new String[space.edges().size()];
        List<int[]> groups = groupBounds(text);
        if (groups.size() != nodes) {
            throw new IllegalArgumentException("NB201 string '" + text + "' has " + groups.size()
                    + " node groups separated by '+', expected " + nodes + " (nodes 1.." + nodes + ", "
                    + space.edges().size() + " edges)");
        }
        for (int g = 0; g < nodes; g++) {
            parseGroup(space, text, groups.get(g)[0], groups.get(g)[1], g + space.inputNodes(), ops);
        }
        return Architecture.of(space, Arrays.asList(ops));
    }

    /** [start, end) of each '+'-separated group. */
    private static List<int[]> groupBounds(String text) {
        List<int[]> bounds = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '+') {
                bounds.add(new int[] {start, i});
                start = i + 1;
            }
        }
        return bounds;
    }

    private static void parseGroup(SearchSpace space, String text, int start, int end, int node, String[] ops) {
        String group = text.substring(start, end);
        if (group.length() < 2 || group.charAt(0) != '|' || group.charAt(group.length() - 1) != '|') {
            throw new IllegalArgumentException("malformed NB201 string at position " + start + ": node " + node
                    + "'s group '" + group + "' must look like |op~input|op~input|");
        }
        boolean[] seen = new boolean[node];
        int count = 0;
        int tokenStart = start + 1;
        for (int i = start + 1; i < end; i++) {
            if (text.charAt(i) != '|') {
                continue;
            }
            String token = text.substring(tokenStart, i);
            int pos = tokenStart;
            tokenStart = i + 1;
            int tilde = token.lastIndexOf('~');
            if (tilde <= 0 || tilde == token.length() - 1) {
                throw new IllegalArgumentException("malformed NB201 token '" + token + "' at position " + pos
                        + ": expected op~input, e.g. nor_conv_3x3~0");
            }
            String op = token.substring(0, tilde);
            String inputText = token.substring(tilde + 1);
            int input;
            try {
                input = Integer.parseInt(inputText);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("malformed NB201 token '" + token + "' at position " + pos
                        + ": input '" + inputText + "' is not a number");
            }
            if (input < 0 || input >= node) {
                throw new IllegalArgumentException("wrong input index in NB201 token '" + token + "' at position "
                        + pos + ": node " + node + " takes inputs 0.." + (node - 1));
            }
            if (seen[input]) {
                throw new IllegalArgumentException("duplicate input in NB201 token '" + token + "' at position "
                        + pos + ": node " + node + " already lists input " + input);
            }
            seen[input] = true;
            count++;
            int edge = space.edgeIndex(new Edge(node, input));
            List<String> allowed = space.candidates(CellType.NORMAL, edge);
            if (!allowed.contains(op)) {
                throw new IllegalArgumentException("unknown op '" + op + "' in NB201 token '" + token
                        + "' at position " + pos + " on normal edge " + space.edges().get(edge) + "; allowed: " + allowed);
            }
            ops[edge] = op;
        }
        if (count != node) {
            throw new IllegalArgumentException("wrong number of inputs in NB201 group '" + group + "' at position "
                    + start + ": node " + node + " lists " + count + ", expected " + node + " (inputs 0.."
                    + (node - 1) + ")");
        }
    }

    static String format(Architecture a) {
        SearchSpace space = a.space();
        requireNb201Shape(space);
        List<String> groups = new ArrayList<>();
        for (int node = space.inputNodes(); node < space.nodeCount(); node++) {
            StringBuilder sb = new StringBuilder("|");
            for (int e : space.incoming(node)) {
                sb.append(a.op(CellType.NORMAL, e)).append('~').append(space.edges().get(e).from()).append('|');
            }
            groups.add(sb.toString());
        }
        return String.join("+", groups);
    }

    private static void requireNb201Shape(SearchSpace space) {
        if (space.inputNodes() != 1 || space.keepsTopInputs()
                || !space.cellTypes().equals(Collections.singletonList(CellType.NORMAL))) {
            throw new IllegalArgumentException("the " + space.name() + " space has no NB201 string form"
                    + " (that needs one input node, one normal cell and every edge kept)");
        }
    }
}
