package org.dnaslab.kernel.display;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableHtmlTest {

    @Test
    void longTablesShowTheirHeadAndTailAroundAnEllipsis() {
        Table t = Table.create("runs", IntColumn.indexColumn("i", 100, 0));
        String html = TableHtml.html(t, 6, 20);

        assertEquals(6 + 1, html.split("<tr>", -1).length - 2, "6 data rows, 1 ellipsis row, 1 header row");
        assertTrue(html.contains("<td style=\"text-align:right\">0</td>"));
        assertTrue(html.contains("<td style=\"text-align:right\">99</td>"));
        assertFalse(html.contains(">50<"));
        assertTrue(html.contains("runs: 100 rows × 1 columns"));
    }

    @Test
    void cellTextIsEscaped() {
        Table t = Table.create("t", StringColumn.create("s", "<b>&"));
        assertTrue(TableHtml.html(t).contains("&lt;b&gt;&amp;"));
    }

    @Test
    void shownIndicesMarkTheGapWithMinusOne() {
        assertArrayEquals(new int[]{0, 1, -1, 8, 9}, TableHtml.shown(10, 4));
        assertArrayEquals(new int[]{0, 1, 2}, TableHtml.shown(3, 4));
    }

    @Test
    void shortFormatNamesMapToMimeTypes() {
        assertEquals("image/svg+xml", Notebook.mimeType("svg"));
        assertEquals("text/html", Notebook.mimeType("HTML"));
        assertEquals("image/png", Notebook.mimeType("image/png"));
        assertThrows(IllegalArgumentException.class, () -> Notebook.mimeType("gifv"));
    }
}
