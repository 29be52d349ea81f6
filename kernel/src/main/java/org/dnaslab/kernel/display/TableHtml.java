package org.dnaslab.kernel.display;

import tech.tablesaw.api.ColumnType;
import tech.tablesaw.table.Relation;

import java.util.Locale;
import java.util.Set;

/**
 * A Tablesaw table as an HTML table. Long tables show their first and last rows around an ellipsis row, wide ones
 * their first and last columns, with the full size in the caption.
 */
public final class TableHtml {
    public static final int MAX_ROWS = 20;
    public static final int MAX_COLUMNS = 20;

    private static final Set<ColumnType> NUMERIC = Set.of(ColumnType.INTEGER, ColumnType.LONG, ColumnType.SHORT,
            ColumnType.DOUBLE, ColumnType.FLOAT);

    private TableHtml() {
    }

    public static String html(Relation table) {
        return html(table, MAX_ROWS, MAX_COLUMNS);
    }

    public static String html(Relation table, int maxRows, int maxColumns) {
        int rows = table.rowCount();
        int cols = table.columnCount();
        int[] shownCols = shown(cols, maxColumns);
        int[] shownRows = shown(rows, maxRows);
        StringBuilder sb = new StringBuilder("<table class=\"dnaslab-table\">\n<caption style=\"caption-side:bottom;"
                + "text-align:left\">");
        if (table.name() != null && !table.name().isBlank()) {
            sb.append(escape(table.name())).append(": ");
        }
        sb.append(String.format(Locale.ROOT, "%d rows × %d columns", rows, cols)).append("</caption>\n<thead><tr>");
        for (int c : shownCols) {
            if (c < 0) {
                sb.append("<th>…</th>");
            } else {
                sb.append("<th title=\"").append(escape(table.column(c).type().name())).append("\">")
                        .append(escape(table.column(c).name())).append("</th>");
            }
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (int r : shownRows) {
            sb.append("<tr>");
            for (int c : shownCols) {
                if (r < 0 || c < 0) {
                    sb.append("<td>…</td>");
                } else {
                    boolean numeric = NUMERIC.contains(table.column(c).type());
                    sb.append(numeric ? "<td style=\"text-align:right\">" : "<td>")
                            .append(escape(table.getString(r, c))).append("</td>");
                }
            }
            sb.append("</tr>\n");
        }
        return sb.append("</tbody>\n</table>\n").toString();
    }

    /** Indices to show, with -1 where an ellipsis stands for the ones left out. */
    static int[] shown(int count, int max) {
        if (count <= max) {
            int[] all = new int[count];
            for (int i = 0; i < count; i++) {
                all[i] = i;
            }
            return all;
        }
        int head = (max + 1) / 2;
        int tail = max - head;
        int[] idx = new int[max + 1];
        for (int i = 0; i < head; i++) {
            idx[i] = i;
        }
        idx[head] = -1;
        for (int i = 0; i < tail; i++) {
            idx[head + 1 + i] = count - tail + i;
        }
        return idx;
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
