package org.dnaslab.space;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SearchSpaceTest {
    private static void assertEveryEdge(SearchSpace s, List<String> ops) {
        for (CellType t : List.of(CellType.NORMAL, CellType.REDUCE)) {
            for (int e = 0; e < 14; e++) {
                assertEquals(ops, s.candidates(t, e), s.name() + " " + t + " " + e);
            }
        }
        assertEquals(ops, s.ops());
    }

    @Test
    void s2S3S4PutTheSameOpsOnEveryEdge() {
        assertEveryEdge(SearchSpace.s2(), List.of("skip_connect", "sep_conv_3x3"));
        assertEveryEdge(SearchSpace.s3(), List.of("none", "skip_connect", "sep_conv_3x3"));
        assertEveryEdge(SearchSpace.s4(), List.of("noise", "sep_conv_3x3"));
    }

    @Test
    void s1HasTheTwoOpsPerEdgeOfZelaEtAl() {
        SearchSpace s = SearchSpace.s1();
        assertEquals(List.of("skip_connect", "dil_conv_3x3"), s.candidates(CellType.NORMAL, 0));
        assertEquals(List.of("max_pool_3x3", "skip_connect"), s.candidates(CellType.NORMAL, s.edgeIndex(new Edge(4, 0))));
        assertEquals(List.of("dil_conv_3x3", "dil_conv_5x5"), s.candidates(CellType.NORMAL, s.edgeIndex(new Edge(5, 3))));
        assertEquals(List.of("max_pool_3x3", "dil_conv_3x3"), s.candidates(CellType.REDUCE, s.edgeIndex(new Edge(2, 1))));
        assertEquals(List.of("max_pool_3x3", "sep_conv_3x3"), s.candidates(CellType.REDUCE, s.edgeIndex(new Edge(4, 1))));
        assertEquals(List.of("skip_connect", "dil_conv_5x5"), s.candidates(CellType.REDUCE, 13));
        for (CellType t : s.cellTypes()) {
            for (int e = 0; e < 14; e++) {
                assertEquals(2, s.candidates(t, e).size());
                assertTrue(!s.candidates(t, e).contains("none"));
            }
        }
        assertEquals(List.of("max_pool_3x3", "avg_pool_3x3", "skip_connect", "sep_conv_3x3", "dil_conv_3x3",
                "dil_conv_5x5"), s.ops());
    }

    @Test
    void reducedSpacesShareTheDartsCell() {
        for (String name : List.of("s1", "s2", "s3", "s4")) {
            SearchSpace s = SearchSpace.byName(name.toUpperCase());
            assertEquals(name, s.name());
            assertEquals(SearchSpace.darts().edges(), s.edges());
            assertEquals(2, s.inputsKeptPerNode());
            assertTrue(s.concatenatesOutput());
            assertEquals(List.of(CellType.NORMAL, CellType.REDUCE), s.cellTypes());
        }
    }

    @Test
    void unknownSpaceNameListsTheKnownOnes() {
        String m = assertThrows(IllegalArgumentException.class, () -> SearchSpace.byName("s5")).getMessage();
        assertTrue(m.contains("'s5'") && m.contains("[nb201, darts, s1, s2, s3, s4]"), m);
    }

    @Test
    void noiseIsInTheVocabularyAndEverySpaceUsesOnlyKnownOps() {
        assertTrue(OpNames.isKnown("noise"));
        for (String name : SearchSpace.names()) {
            assertTrue(OpNames.all().containsAll(SearchSpace.byName(name).ops()), name);
        }
    }
}
