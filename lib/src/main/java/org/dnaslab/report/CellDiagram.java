package org.dnaslab.report;

import org.dnaslab.space.Architecture;
import org.dnaslab.space.CellType;
import org.dnaslab.space.Edge;
import org.dnaslab.space.SearchSpace;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws the cells of an {@link Architecture} as SVG: nodes in a row, left to right, and each edge as an arrow
 * labelled with its operation. {@code none} edges and edges a DARTS cell does not keep are left out, or drawn faint
 * on request. A DARTS architecture gives one drawing per cell type, stacked. Immutable; plain string building, so it
 * needs no AWT.
 */
public final class CellDiagram {
    private static final int GAP = 150;
    private static final int MARGIN = 40;
    private static final int NODE_RADIUS = 18;
    private static final int ARC_STEP = 34;
    private static final int TITLE_HEIGHT = 24;

    /** Operation families and their colours; the first matching prefix wins. */
    private static final List<Map.Entry<String, String>> COLOURS = List.of(
            Map.entry("skip", "#7f7f7f"),
            Map.entry("nor_conv_1x1", "#1f77b4"),
            Map.entry("nor_conv", "#17517e"),
            Map.entry("sep_conv", "#d62728"),
            Map.entry("dil_conv", "#9467bd"),
            Map.entry("avg_pool", "#2ca02c"),
            Map.entry("max_pool", "#8c564b"));

    private final Architecture architecture;
    private final boolean showOmitted;

    private CellDiagram(Architecture architecture, boolean showOmitted) {
        this.architecture = architecture;
        this.showOmitted = showOmitted;
    }

    public static CellDiagram of(Architecture architecture) {
        if (architecture == null) {
            throw new IllegalArgumentException("architecture is null");
        }
        return new CellDiagram(architecture, false);
    }

    /** Also draws {@code none} edges and edges not kept, faint and dashed (default: left out). */
    public CellDiagram withOmittedEdges(boolean show) {
        return new CellDiagram(architecture, show);
    }

    /** All cell types of the architecture, one drawing under the other. */
    public String svg() {
        return document(architecture.space().cellTypes());
    }

    /** One cell type only. */
    public String svg(CellType type) {
        if (!architecture.space().cellTypes().contains(type)) {
            throw new IllegalArgumentException(architecture.space().name() + " has no " + type.key() + " cell");
        }
        return document(List.of(type));
    }

    private String document(List<CellType> types) {
        int width = width();
        int cellHeight = cellHeight();
        int height = types.size() * cellHeight;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"12\">%n",
                width, height, width, height));
        sb.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" "
                + "markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#444\"/>"
                + "</marker></defs>\n");
        boolean titled = architecture.space().cellTypes().size() > 1;
        for (int i = 0; i < types.size(); i++) {
            cell(sb, types.get(i), i * cellHeight, titled);
        }
        return sb.append("</svg>\n").toString();
    }

    private int nodeCount() {
        SearchSpace space = architecture.space();
        // A DARTS cell's output concatenates its intermediate nodes: draw it as one more node.
        return space.nodeCount() + (space.concatenatesOutput() ? 1 : 0);
    }

    private int width() {
        return 2 * MARGIN + (nodeCount() - 1) * GAP;
    }

    private int maxSpan() {
        return nodeCount() - 1;
    }

    private int cellHeight() {
        return TITLE_HEIGHT + 2 * (maxSpan() * ARC_STEP + NODE_RADIUS) + 2 * MARGIN;
    }

    private void cell(StringBuilder sb, CellType type, int top, boolean titled) {
        SearchSpace space = architecture.space();
        int midY = top + cellHeight() / 2 + TITLE_HEIGHT / 2;
        sb.append("<g class=\"cell\" data-cell=\"").append(type.key()).append("\">\n");
        if (titled) {
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s cell</text>%n",
                    MARGIN / 2, top + TITLE_HEIGHT, type.key()));
        }
        List<Edge> edges = space.edges();
        for (int e = 0; e < edges.size(); e++) {
            String op = architecture.op(type, e);
            boolean omitted = SearchSpace.NONE.equals(op) || !architecture.kept(type, e);
            if (omitted && !showOmitted) {
                continue;
            }
            edge(sb, edges.get(e).from(), edges.get(e).to(), midY, op, omitted);
        }
        if (space.concatenatesOutput()) {
            int out = space.nodeCount();
            for (int n = space.inputNodes(); n < space.nodeCount(); n++) {
                arrow(sb, n, out, midY, "#bbbbbb", "4,3", "concat");
            }
        }
        for (int n = 0; n < nodeCount(); n++) {
            node(sb, n, midY);
        }
        sb.append("</g>\n");
    }

    private int x(int node) {
        return MARGIN + node * GAP;
    }

    /** Arcs over longer spans bend further; edges from odd nodes bend below so labels do not collide. */
    private double[] control(int from, int to, int midY) {
        int span = to - from;
        double bend = span <= 1 ? 0 : span * ARC_STEP * 2.0;
        double sign = from % 2 == 0 ? -1 : 1;
        return new double[]{(x(from) + x(to)) / 2.0, midY + sign * bend};
    }

    private void edge(StringBuilder sb, int from, int to, int midY, String op, boolean faint) {
        String colour = faint ? "#cccccc" : colour(op);
        arrow(sb, from, to, midY, colour, faint ? "5,4" : null, op);
        double[] c = control(from, to, midY);
        // The quadratic curve passes its apex halfway between the chord and the control point.
        double labelY = (midY + c[1]) / 2.0;
        String label = Html.escape(op);
        int w = 7 * op.length() + 8;
        sb.append(String.format(Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"16\" rx=\"3\" fill=\"white\" fill-opacity=\"0.85\"/>%n",
                c[0] - w / 2.0, labelY - 11, w));
        sb.append(String.format(Locale.ROOT,
                "<text class=\"op\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"%s\">%s</text>%n",
                c[0], labelY + 1, faint ? "#aaaaaa" : colour, label));
    }

    private void arrow(StringBuilder sb, int from, int to, int midY, String colour, String dash, String title) {
        double[] c = control(from, to, midY);
        // Start and end on the node outlines, aimed at the control point.
        double[] a = towards(x(from), midY, c[0], c[1], NODE_RADIUS);
        double[] b = towards(x(to), midY, c[0], c[1], NODE_RADIUS + 2);
        sb.append(String.format(Locale.ROOT,
                "<path class=\"edge\" data-from=\"%d\" data-to=\"%d\" d=\"M%.1f,%.1f Q%.1f,%.1f %.1f,%.1f\" fill=\"none\" "
                        + "stroke=\"%s\" stroke-width=\"%s\"%s marker-end=\"url(#arrow)\"><title>%s</title></path>%n",
                from, to, a[0], a[1], c[0], c[1], b[0], b[1], colour, dash == null ? "2" : "1.2",
                dash == null ? "" : " stroke-dasharray=\"" + dash + "\"", Html.escape(title)));
    }

    private static double[] towards(double x, double y, double tx, double ty, double distance) {
        double dx = tx - x;
        double dy = ty - y;
        double len = Math.hypot(dx, dy);
        return new double[]{x + dx / len * distance, y + dy / len * distance};
    }

    private void node(StringBuilder sb, int n, int midY) {
        SearchSpace space = architecture.space();
        boolean input = n < space.inputNodes();
        boolean output = n == nodeCount() - 1;
        String label = label(n);
        if (input || output) {
            int w = Math.max(2 * NODE_RADIUS, 8 * label.length() + 12);
            sb.append(String.format(Locale.ROOT,
                    "<rect class=\"node\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"6\" fill=\"%s\" stroke=\"#333\"/>%n",
                    x(n) - w / 2, midY - NODE_RADIUS, w, 2 * NODE_RADIUS, input ? "#d9f2d9" : "#fde9c8"));
        } else {
            sb.append(String.format(Locale.ROOT,
                    "<circle class=\"node\" cx=\"%d\" cy=\"%d\" r=\"%d\" fill=\"#dbe8f6\" stroke=\"#333\"/>%n",
                    x(n), midY, NODE_RADIUS));
        }
        sb.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-weight=\"bold\">%s</text>%n",
                x(n), midY + 4, Html.escape(label)));
    }

    private String label(int n) {
        SearchSpace space = architecture.space();
        if (space.concatenatesOutput()) {
            if (n == 0) {
                return "c_{k-2}";
            }
            if (n == 1) {
                return "c_{k-1}";
            }
            return n == nodeCount() - 1 ? "c_{k}" : Integer.toString(n - space.inputNodes());
        }
        if (n == 0) {
            return "in";
        }
        return n == nodeCount() - 1 ? "out" : Integer.toString(n);
    }

    private static String colour(String op) {
        for (Map.Entry<String, String> c : COLOURS) {
            if (op.startsWith(c.getKey())) {
                return c.getValue();
            }
        }
        return "#333333";
    }
}
