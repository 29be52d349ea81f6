package org.dnaslab.space;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArchitectureJsonTest {
    private static String error(String json) {
        return assertThrows(IllegalArgumentException.class, () -> Architecture.fromJson(json)).getMessage();
    }

    @Test
    void nb201JsonListsOpsInEdgeOrderWithoutKeptFlags() {
        Architecture a = Architecture.parseNb201(Nb201TextTest.EXAMPLE);
        assertEquals("{\"space\":\"nb201\",\"cells\":{\"normal\":{\"ops\":[\"nor_conv_3x3\",\"skip_connect\","
                + "\"nor_conv_1x1\",\"none\",\"avg_pool_3x3\",\"nor_conv_3x3\"]}}}", a.toJson());
        assertEquals(a, Architecture.fromJson(a.toJson()));
    }

    @Test
    void dartsJsonRoundTripsBothCellsAndKeptFlags() {
        Architecture a = Architecture.parseGenotype(GenotypeTextTest.DARTS_V2);
        String json = a.toJson();
        assertTrue(json.contains("\"reduce\":{\"ops\":[\"max_pool_3x3\",\"max_pool_3x3\",\"none\""), json);
        assertTrue(json.contains("\"kept\":[true,true,false,true,true,"), json);
        assertEquals(a, Architecture.fromJson(json));
    }

    @Test
    void plainObjectMapperRoundTripsEverySpaceAlsoInsideARecord() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        SplittableRandom r = new SplittableRandom(11);
        for (String name : SearchSpace.names()) {
            Architecture a = Architecture.sample(SearchSpace.byName(name), r);
            String json = mapper.writeValueAsString(a);
            assertEquals(a.toJson(), json);
            assertEquals(a, mapper.readValue(json, Architecture.class), name);
            Holder h = mapper.readValue(mapper.writeValueAsString(new Holder(7, a)), Holder.class);
            assertEquals(new Holder(7, a), h);
        }
    }

    record Holder(int epoch, Architecture architecture) {
    }

    @Test
    void objectMapperReportsContentErrorsAsMappingErrors() {
        ObjectMapper mapper = new ObjectMapper();
        JsonMappingException e = assertThrows(JsonMappingException.class, () -> mapper.readValue(
                "{\"space\":\"nb201\",\"cells\":{\"normal\":{\"ops\":[\"none\"]}}}", Architecture.class));
        assertTrue(e.getMessage().contains("the normal cell has 1 edges, expected 6"), e.getMessage());
    }

    @Test
    void keptMayBeOmittedForNb201ButNotForDarts() {
        String nb = "{\"space\":\"nb201\",\"cells\":{\"normal\":{\"ops\":[\"none\",\"none\",\"none\",\"none\",\"none\",\"none\"]}}}";
        assertFalse(Architecture.fromJson(nb).ops(CellType.NORMAL).isEmpty());
        String darts = Architecture.parseGenotype(GenotypeTextTest.DARTS_V2).toJson()
                .replaceAll(",\"kept\":\\[[a-z,]*\\]", "");
        String m = error(darts);
        assertTrue(m.contains("no kept flags for the normal cell; darts keeps exactly 2 inputs"), m);
        // DARTS_V2 keeps 3<-0 and 3<-1; also keeping 3<-2 (edge 4) gives node 3 three inputs.
        var tree = ArchitectureJson.toTree(Architecture.parseGenotype(GenotypeTextTest.DARTS_V2));
        ((com.fasterxml.jackson.databind.node.ArrayNode) tree.at("/cells/normal/ops")).set(4, "skip_connect");
        ((com.fasterxml.jackson.databind.node.ArrayNode) tree.at("/cells/normal/kept")).set(4, true);
        String threeInputs = tree.toString();
        m = error(threeInputs);
        assertTrue(m.contains("node 3 of the normal cell keeps 3 inputs [3<-0, 3<-1, 3<-2]"), m);
        assertTrue(m.contains("keeps exactly 2 per intermediate node"), m);
    }

    @Test
    void contentErrorsNameTheField() {
        assertTrue(error("[1,2]").contains("must be an object"));
        assertTrue(error("{\"cells\":{}}").contains("'space' must be a space name"));
        assertTrue(error("{\"space\":\"nb301\",\"cells\":{}}").contains("unknown search space 'nb301'"));
        assertTrue(error("{\"space\":\"nb201\"}").contains("'cells' must be an object"));
        assertTrue(error("{\"space\":\"nb201\",\"cells\":{}}").contains("missing the 'normal' cell"));
        assertTrue(error("{\"space\":\"nb201\",\"cells\":{\"reduce\":{}}}").contains("has no 'reduce' cell"));
        assertTrue(error("{\"space\":\"nb201\",\"cells\":{\"normal\":{\"ops\":\"none\"}}}")
                .contains("'normal.ops' must be an array"));
        String m = error("{\"space\":\"nb201\",\"cells\":{\"normal\":{\"ops\":[\"none\",1,\"none\",\"none\",\"none\",\"none\"]}}}");
        assertTrue(m.contains("normal.ops[1] has the wrong type"), m);
        m = error("{\"space\":\"nb201\",\"cells\":{\"normal\":{\"ops\":[\"none\",\"none\",\"none\",\"none\",\"conv\",\"none\"]}}}");
        assertTrue(m.contains("unknown op 'conv' on normal edge 3<-1 (edge 4)"), m);
        assertTrue(error("{\"space\":").contains("not valid JSON"));
    }

    @Test
    void nb201RejectsDroppedEdges() {
        List<Boolean> kept = List.of(true, true, true, true, false, true);
        String m = assertThrows(IllegalArgumentException.class, () -> Architecture.of(SearchSpace.nb201(),
                java.util.Map.of(CellType.NORMAL, java.util.Collections.nCopies(6, "none")),
                java.util.Map.of(CellType.NORMAL, kept))).getMessage();
        assertTrue(m.contains("nb201 keeps every edge, but normal edge 3<-1 (edge 4) is marked as dropped"), m);
    }
}
