package org.dnaslab.report;

import org.dnaslab.space.Architecture;
import org.dnaslab.space.CellType;
import org.dnaslab.space.SearchSpace;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CellDiagramTest {

    private static final Architecture NB201 = Architecture.of(SearchSpace.nb201(), List.of(
            "nor_conv_3x3", "none", "skip_connect", "avg_pool_3x3", "nor_conv_1x1", "nor_conv_3x3"));

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> opLabels(Document doc) {
        List<String> labels = new ArrayList<>();
        NodeList texts = doc.getElementsByTagName("text");
        for (int i = 0; i < texts.getLength(); i++) {
            Element t = (Element) texts.item(i);
            if ("op".equals(t.getAttribute("class"))) {
                labels.add(t.getTextContent());
            }
        }
        return labels;
    }

    private static int count(Document doc, String tag, String cssClass) {
        int n = 0;
        NodeList list = doc.getElementsByTagName(tag);
        for (int i = 0; i < list.getLength(); i++) {
            if (cssClass.equals(((Element) list.item(i)).getAttribute("class"))) {
                n++;
            }
        }
        return n;
    }

    @Test
    void nb201CellIsWellFormedSvgWithOneLabelledArrowPerEdgeExceptNone() throws Exception {
        Document doc = parse(CellDiagram.of(NB201).svg());

        assertEquals("svg", doc.getDocumentElement().getTagName());
        assertEquals(List.of("nor_conv_3x3", "skip_connect", "avg_pool_3x3", "nor_conv_1x1", "nor_conv_3x3"), opLabels(doc));
        assertEquals(5, count(doc, "path", "edge"));
        assertEquals(2, count(doc, "circle", "node"), "the two intermediate nodes are circles");
        assertEquals(2, count(doc, "rect", "node"), "input and output are boxes");
    }

    @Test
    void omittedEdgesAreDrawnFaintOnlyOnRequest() throws Exception {
        String svg = CellDiagram.of(NB201).withOmittedEdges(true).svg();
        Document doc = parse(svg);

        assertEquals(6, count(doc, "path", "edge"));
        assertTrue(opLabels(doc).contains("none"));
        assertTrue(svg.contains("stroke-dasharray"));
    }

    @Test
    void dartsArchitectureGivesOneDrawingPerCellTypeWithKeptEdgesOnly() throws Exception {
        SearchSpace darts = SearchSpace.darts();
        int edges = darts.edges().size();
        List<String> ops = new ArrayList<>(Collections.nCopies(edges, "sep_conv_3x3"));
        List<Boolean> kept = new ArrayList<>(Collections.nCopies(edges, false));
        for (int node = 2; node < 6; node++) {
            List<Integer> in = darts.incoming(node);
            kept.set(in.get(0), true);
            kept.set(in.get(1), true);
        }
        List<String> reduceOps = new ArrayList<>(Collections.nCopies(edges, "max_pool_3x3"));
        Architecture arch = Architecture.of(darts,
                Map.of(CellType.NORMAL, ops, CellType.REDUCE, reduceOps),
                Map.of(CellType.NORMAL, kept, CellType.REDUCE, kept));

        Document doc = parse(CellDiagram.of(arch).svg());

        NodeList groups = doc.getElementsByTagName("g");
        assertEquals(2, groups.getLength());
        assertEquals("normal", ((Element) groups.item(0)).getAttribute("data-cell"));
        assertEquals("reduce", ((Element) groups.item(1)).getAttribute("data-cell"));
        // 8 kept edges per cell plus 4 dashed concatenation edges into the output.
        assertEquals(2 * (8 + 4), count(doc, "path", "edge"));
        assertEquals(16, opLabels(doc).size());
        assertEquals(8, opLabels(doc).stream().filter("max_pool_3x3"::equals).count());

        Document normalOnly = parse(CellDiagram.of(arch).svg(CellType.NORMAL));
        assertEquals(1, normalOnly.getElementsByTagName("g").getLength());
        assertFalse(opLabels(normalOnly).contains("max_pool_3x3"));
    }

    @Test
    void refusesACellTypeTheSpaceDoesNotHave() {
        assertThrows(IllegalArgumentException.class, () -> CellDiagram.of(NB201).svg(CellType.REDUCE));
    }

    @Test
    void escapesMarkupInLabels() {
        assertEquals("a&lt;b&gt;&amp;&quot;", Html.escape("a<b>&\""));
    }
}
