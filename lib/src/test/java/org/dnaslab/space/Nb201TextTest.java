package org.dnaslab.space;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Nb201TextTest {
    static final String EXAMPLE =
            "|nor_conv_3x3~0|+|skip_connect~0|nor_conv_1x1~1|+|none~0|avg_pool_3x3~1|nor_conv_3x3~2|";

    private static String error(String text) {
        return assertThrows(IllegalArgumentException.class, () -> Architecture.parseNb201(text)).getMessage();
    }

    @Test
    void parsesOpsIntoCanonicalEdgeOrder() {
        Architecture a = Architecture.parseNb201(EXAMPLE);
        assertEquals(List.of("nor_conv_3x3", "skip_connect", "nor_conv_1x1", "none", "avg_pool_3x3", "nor_conv_3x3"),
                a.ops(CellType.NORMAL));
        assertEquals("none", a.op(CellType.NORMAL, a.space().edgeIndex(new Edge(3, 0))));
        assertTrue(a.keptEdges(CellType.NORMAL).stream().allMatch(k -> k));
    }

    @Test
    void printsWhatItParses() {
        assertEquals(EXAMPLE, Architecture.parseNb201(EXAMPLE).toNb201String());
    }

    @Test
    void readsInputsListedOutOfOrderAndPrintsThemAscending() {
        String shuffled = "|nor_conv_3x3~0|+|nor_conv_1x1~1|skip_connect~0|+|nor_conv_3x3~2|none~0|avg_pool_3x3~1|";
        assertEquals(EXAMPLE, Architecture.parseNb201(shuffled).toNb201String());
    }

    @Test
    void printedArchitectureParsesBackToItself() {
        Architecture a = Architecture.of(SearchSpace.nb201(),
                List.of("avg_pool_3x3", "none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "none"));
        assertEquals(a, Architecture.parseNb201(a.toNb201String()));
    }

    @Test
    void unknownOpNamesTheOpTheEdgeTheCellAndTheAllowedOps() {
        String m = error("|nor_conv_3x3~0|+|skip_connect~0|conv_7x7~1|+|none~0|avg_pool_3x3~1|nor_conv_3x3~2|");
        assertTrue(m.contains("unknown op 'conv_7x7'"), m);
        assertTrue(m.contains("normal edge 2<-1"), m);
        assertTrue(m.contains("position 33"), m);
        assertTrue(m.contains("[none, skip_connect, nor_conv_1x1, nor_conv_3x3, avg_pool_3x3]"), m);
    }

    @Test
    void wrongNumberOfNodeGroupsIsAnEdgeCountError() {
        String m = error("|nor_conv_3x3~0|+|skip_connect~0|nor_conv_1x1~1|");
        assertTrue(m.contains("has 2 node groups"), m);
        assertTrue(m.contains("expected 3"), m);
        assertTrue(m.contains("6 edges"), m);
    }

    @Test
    void missingInputInAGroupIsAWrongNumberOfInputs() {
        String m = error("|nor_conv_3x3~0|+|skip_connect~0|+|none~0|avg_pool_3x3~1|nor_conv_3x3~2|");
        assertTrue(m.contains("wrong number of inputs"), m);
        assertTrue(m.contains("node 2 lists 1, expected 2"), m);
    }

    @Test
    void inputFromALaterNodeIsAWrongInputIndex() {
        String m = error("|nor_conv_3x3~0|+|skip_connect~0|nor_conv_1x1~2|+|none~0|avg_pool_3x3~1|nor_conv_3x3~2|");
        assertTrue(m.contains("wrong input index"), m);
        assertTrue(m.contains("'nor_conv_1x1~2'"), m);
        assertTrue(m.contains("node 2 takes inputs 0..1"), m);
    }

    @Test
    void repeatedInputIsADuplicate() {
        String m = error("|nor_conv_3x3~0|+|skip_connect~0|nor_conv_1x1~0|+|none~0|avg_pool_3x3~1|nor_conv_3x3~2|");
        assertTrue(m.contains("duplicate input"), m);
        assertTrue(m.contains("already lists input 0"), m);
    }

    @Test
    void tokenWithoutTildeIsMalformedWithItsPosition() {
        String m = error("|nor_conv_3x3~0|+|skip_connect0|nor_conv_1x1~1|+|none~0|avg_pool_3x3~1|nor_conv_3x3~2|");
        assertTrue(m.contains("malformed NB201 token 'skip_connect0' at position 18"), m);
    }

    @Test
    void nonNumericInputIsMalformed() {
        String m = error("|nor_conv_3x3~x|+|skip_connect~0|nor_conv_1x1~1|+|none~0|avg_pool_3x3~1|nor_conv_3x3~2|");
        assertTrue(m.contains("input 'x' is not a number"), m);
    }

    @Test
    void groupWithoutBarsIsMalformed() {
        String m = error("nor_conv_3x3~0+|skip_connect~0|nor_conv_1x1~1|+|none~0|avg_pool_3x3~1|nor_conv_3x3~2|");
        assertTrue(m.contains("malformed NB201 string at position 0"), m);
        assertTrue(m.contains("'nor_conv_3x3~0'"), m);
    }

    @Test
    void dartsSpaceHasNoNb201Form() {
        Architecture a = Architecture.parseGenotype(GenotypeTextTest.DARTS_V2);
        String m = assertThrows(IllegalArgumentException.class, a::toNb201String).getMessage();
        assertTrue(m.contains("darts space has no NB201 string form"), m);
    }
}
