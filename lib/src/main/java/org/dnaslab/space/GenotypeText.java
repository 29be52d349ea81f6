package org.dnaslab.space;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DARTS's genotype text (the Python repr of its {@code Genotype} namedtuple):
 * {@code Genotype(normal=[('sep_conv_3x3', 0), ('sep_conv_3x3', 1), ...], normal_concat=range(2, 6), reduce=[...],
 * reduce_concat=range(2, 6))}. A cell lists k (op, input) pairs per intermediate node, nodes in order, where the
 * input index is our node number (0 and 1 the cell inputs). Fields may be given by keyword or by position;
 * {@code _concat} may be a range or a list, or absent, but must name every intermediate node, since our cells
 * always concatenate all of them. A bare list of pairs stands for every cell type. A leading {@code NAME = } (a line
 * of DARTS's genotypes.py) is ignored.
 */
final class GenotypeText {
    private static final List<String> FIELDS = List.of("normal", "normal_concat", "reduce", "reduce_concat");

    private GenotypeText() {
    }

    /** A parsed (op, input) pair and where it started in the text. */
    private record Pair(String op, int input, int position) {
    }

    static Architecture parse(SearchSpace space, String text) {
        requireDartsShape(space);
        if (text == null) {
            throw new IllegalArgumentException("genotype text is null");
        }
        // Tables print long architectures with zero-width spaces so they wrap; text copied from one still parses.
        text = text.replace("\u200B", "");
        Parser p = new Parser(text);
        p.skipAssignment();
        Map<CellType, List<Pair>> cells = new EnumMap<>(CellType.class);
        if (p.peekIs('[')) {
            List<Pair> cell = p.pairList();
            p.expectEnd();
            for (CellType t : space.cellTypes()) {
                cells.put(t, cell);
            }
        } else {
            Map<String, Object> fields = p.genotypeCall();
            p.expectEnd();
            for (CellType t : space.cellTypes()) {
                Object cell = fields.get(t.key());
                if (cell == null) {
                    throw new IllegalArgumentException("genotype has no " + t.key() + " cell: '" + text + "'");
                }
                @SuppressWarnings("unchecked")
                List<Pair> pairs = (List<Pair>) cell;
                cells.put(t, pairs);
                Object concat = fields.get(t.key() + "_concat");
                if (concat != null) {
                    checkConcat(space, t, (Concat) concat);
                }
            }
        }
        Map<CellType, List<String>> ops = new EnumMap<>(CellType.class);
        Map<CellType, List<Boolean>> kept = new EnumMap<>(CellType.class);
        for (CellType t : space.cellTypes()) {
            buildCell(space, t, cells.get(t), ops, kept);
        }
        return Architecture.of(space, ops, kept);
    }

    private static void buildCell(SearchSpace space, CellType t, List<Pair> pairs,
                                  Map<CellType, List<String>> ops, Map<CellType, List<Boolean>> kept) {
        int k = space.inputsKeptPerNode();
        int expected = k * space.intermediateNodes();
        int first = space.inputNodes();
        if (pairs.size() != expected) {
            throw new IllegalArgumentException("wrong number of inputs: the " + t.key() + " cell lists " + pairs.size()
                    + " (op, input) pairs; a " + space.name() + " cell needs " + expected + ", " + k
                    + " for each intermediate node " + first + ".." + (space.nodeCount() - 1));
        }
        List<String> cellOps = new ArrayList<>(Collections.nCopies(space.edges().size(), OpNames.NONE));
        List<Boolean> cellKept = new ArrayList<>(Collections.nCopies(space.edges().size(), Boolean.FALSE));
        for (int i = 0; i < pairs.size(); i++) {
            Pair pair = pairs.get(i);
            int node = first + i / k;
            String where = "pair " + i + " ('" + pair.op() + "', " + pair.input() + ") at position " + pair.position()
                    + " of the " + t.key() + " cell";
            if (pair.input() < 0 || pair.input() >= node) {
                throw new IllegalArgumentException("wrong input index: " + where + " feeds node " + node
                        + ", whose inputs are 0.." + (node - 1));
            }
            int edge = space.edgeIndex(new Edge(node, pair.input()));
            if (cellKept.get(edge)) {
                throw new IllegalArgumentException("duplicate inputs: " + where + " repeats input " + pair.input()
                        + " of node " + node);
            }
            List<String> allowed = space.candidates(t, edge).stream().filter(o -> !o.equals(OpNames.NONE)).toList();
            if (pair.op().equals(OpNames.NONE)) {
                throw new IllegalArgumentException("op 'none' on a kept edge: " + where + " keeps " + t.key()
                        + " edge " + space.edges().get(edge) + "; a genotype lists only real ops, allowed: " + allowed);
            }
            if (!allowed.contains(pair.op())) {
                throw new IllegalArgumentException("unknown op '" + pair.op() + "': " + where + " is on " + t.key()
                        + " edge " + space.edges().get(edge) + ", allowed: " + allowed);
            }
            cellOps.set(edge, pair.op());
            cellKept.set(edge, Boolean.TRUE);
        }
        ops.put(t, cellOps);
        kept.put(t, cellKept);
    }

    private record Concat(List<Integer> nodes, int position) {
    }

    private static void checkConcat(SearchSpace space, CellType t, Concat concat) {
        List<Integer> all = new ArrayList<>();
        for (int n = space.inputNodes(); n < space.nodeCount(); n++) {
            all.add(n);
        }
        if (!concat.nodes().equals(all)) {
            throw new IllegalArgumentException(t.key() + "_concat at position " + concat.position() + " is "
                    + concat.nodes() + ", but " + space.name() + " cells concatenate every intermediate node "
                    + all + ", i.e. range(" + space.inputNodes() + ", " + space.nodeCount() + ")");
        }
    }

    static String format(Architecture a) {
        SearchSpace space = a.space();
        requireDartsShape(space);
        StringBuilder sb = new StringBuilder("Genotype(");
        String concat = "range(" + space.inputNodes() + ", " + space.nodeCount() + ")";
        for (int i = 0; i < space.cellTypes().size(); i++) {
            CellType t = space.cellTypes().get(i);
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(t.key()).append("=[");
            boolean firstPair = true;
            for (int node = space.inputNodes(); node < space.nodeCount(); node++) {
                for (int e : space.incoming(node)) {
                    if (!a.kept(t, e)) {
                        continue;
                    }
                    if (!firstPair) {
                        sb.append(", ");
                    }
                    firstPair = false;
                    sb.append("('").append(a.op(t, e)).append("', ").append(space.edges().get(e).from()).append(')');
                }
            }
            sb.append("], ").append(t.key()).append("_concat=").append(concat);
        }
        return sb.append(')').toString();
    }

    private static void requireDartsShape(SearchSpace space) {
        if (!space.keepsTopInputs()) {
            throw new IllegalArgumentException("the " + space.name() + " space has no genotype form"
                    + " (that needs a space that keeps a fixed number of inputs per node, such as darts or s1..s4)");
        }
    }

    /** A small recursive-descent reader of the Python literal subset genotypes use. */
    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        private void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        boolean peekIs(char c) {
            skipSpace();
            return pos < text.length() && text.charAt(pos) == c;
        }

        private String found() {
            skipSpace();
            if (pos >= text.length()) {
                return "the end of the text";
            }
            int end = pos + 1;
            if (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_') {
                while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                    end++;
                }
            }
            return "'" + text.substring(pos, end) + "'";
        }

        private IllegalArgumentException error(String expected) {
            String f = found();
            return new IllegalArgumentException("malformed genotype at position " + pos + ": expected " + expected
                    + ", found " + f + " in '" + text + "'");
        }

        void expect(char c) {
            if (!peekIs(c)) {
                throw error("'" + c + "'");
            }
            pos++;
        }

        void expectEnd() {
            skipSpace();
            if (pos != text.length()) {
                throw error("the end of the genotype");
            }
        }

        private boolean peekIdentifierStart() {
            skipSpace();
            return pos < text.length() && (Character.isLetter(text.charAt(pos)) || text.charAt(pos) == '_');
        }

        String identifier() {
            if (!peekIdentifierStart()) {
                throw error("a name");
            }
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            return text.substring(start, pos);
        }

        int integer() {
            skipSpace();
            int start = pos;
            if (pos < text.length() && text.charAt(pos) == '-') {
                pos++;
            }
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            if (pos == start || (pos == start + 1 && text.charAt(start) == '-')) {
                pos = start;
                throw error("an integer");
            }
            try {
                return Integer.parseInt(text.substring(start, pos));
            } catch (NumberFormatException e) {
                pos = start;
                throw error("an integer that fits in 32 bits");
            }
        }

        String string() {
            skipSpace();
            if (pos >= text.length() || (text.charAt(pos) != '\'' && text.charAt(pos) != '"')) {
                throw error("a quoted op name");
            }
            char quote = text.charAt(pos);
            int start = pos;
            int end = text.indexOf(quote, pos + 1);
            if (end < 0) {
                throw new IllegalArgumentException("malformed genotype at position " + start
                        + ": unterminated string in '" + text + "'");
            }
            pos = end + 1;
            return text.substring(start + 1, end);
        }

        /** {@code Genotype(field=value, ...)}; returns the fields by name. */
        Map<String, Object> genotypeCall() {
            int start = pos;
            String name = identifier();
            if (!name.equals("Genotype")) {
                pos = start;
                throw error("Genotype(...) or a [...] list of (op, input) pairs");
            }
            expect('(');
            Map<String, Object> fields = new LinkedHashMap<>();
            int positional = 0;
            while (!peekIs(')')) {
                skipSpace();
                int fieldPos = pos;
                String field;
                if (peekIdentifierStart() && isKeyword()) {
                    field = identifier();
                    if (!FIELDS.contains(field)) {
                        pos = fieldPos;
                        throw new IllegalArgumentException("malformed genotype at position " + fieldPos
                                + ": unknown field '" + field + "', expected one of " + FIELDS);
                    }
                    expect('=');
                } else {
                    if (positional >= FIELDS.size()) {
                        throw error("at most " + FIELDS.size() + " fields");
                    }
                    field = FIELDS.get(positional);
                }
                positional++;
                if (fields.containsKey(field)) {
                    throw new IllegalArgumentException("malformed genotype at position " + fieldPos + ": field '"
                            + field + "' given twice");
                }
                fields.put(field, field.endsWith("_concat") ? concat() : pairList());
                if (!peekIs(',')) {
                    break;
                }
                pos++;
            }
            expect(')');
            return fields;
        }

        /** Skips a leading {@code NAME = } as in DARTS's genotypes.py, so a line can be pasted as it is. */
        void skipAssignment() {
            if (peekIdentifierStart() && isKeyword()) {
                identifier();
                expect('=');
            }
        }

        /** Whether the identifier at pos is followed by '=' (a keyword argument), not '(' (like range). */
        private boolean isKeyword() {
            int save = pos;
            identifier();
            boolean keyword = peekIs('=');
            pos = save;
            return keyword;
        }

        /** {@code range(a, b)} or a list of integers. */
        Concat concat() {
            skipSpace();
            int start = pos;
            List<Integer> nodes = new ArrayList<>();
            if (peekIs('[') || peekIs('(')) {
                char close = text.charAt(pos) == '[' ? ']' : ')';
                pos++;
                while (!peekIs(close)) {
                    nodes.add(integer());
                    if (!peekIs(',')) {
                        break;
                    }
                    pos++;
                }
                expect(close);
            } else {
                String name = identifier();
                if (!name.equals("range")) {
                    pos = start;
                    throw error("range(a, b) or a list of node numbers");
                }
                expect('(');
                int from = integer();
                expect(',');
                int to = integer();
                expect(')');
                for (int n = from; n < to; n++) {
                    nodes.add(n);
                }
            }
            return new Concat(nodes, start);
        }

        /** {@code [('op', 0), ('op', 1), ...]}; each pair may also be written as a list. */
        List<Pair> pairList() {
            expect('[');
            List<Pair> pairs = new ArrayList<>();
            while (!peekIs(']')) {
                skipSpace();
                int start = pos;
                char close;
                if (peekIs('(')) {
                    close = ')';
                } else if (peekIs('[')) {
                    close = ']';
                } else {
                    throw error("an (op, input) pair");
                }
                pos++;
                String op = string();
                expect(',');
                int input = integer();
                expect(close);
                pairs.add(new Pair(op, input, start));
                if (!peekIs(',')) {
                    break;
                }
                pos++;
            }
            expect(']');
            return pairs;
        }
    }
}
