package org.dnaslab.space;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GenotypeTextTest {
    /** DARTS_V2 from quark0/darts genotypes.py, pairs reordered by input within each node as we print them. */
    static final String DARTS_V2 = "Genotype(normal=[('sep_conv_3x3', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 0), "
            + "('sep_conv_3x3', 1), ('skip_connect', 0), ('sep_conv_3x3', 1), ('skip_connect', 0), "
            + "('dil_conv_3x3', 2)], normal_concat=range(2, 6), reduce=[('max_pool_3x3', 0), ('max_pool_3x3', 1), "
            + "('max_pool_3x3', 1), ('skip_connect', 2), ('max_pool_3x3', 0), ('skip_connect', 2), "
            + "('max_pool_3x3', 1), ('skip_connect', 2)], reduce_concat=range(2, 6))";

    private static final String NORMAL = "[('sep_conv_3x3', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 0), "
            + "('sep_conv_3x3', 1), ('skip_connect', 0), ('sep_conv_3x3', 1), ('skip_connect', 0), ('dil_conv_3x3', 2)]";

    private static String error(String text) {
        return assertThrows(IllegalArgumentException.class, () -> Architecture.parseGenotype(text)).getMessage();
    }

    private static String withNormal(String normal) {
        return "Genotype(normal=" + normal + ", normal_concat=range(2, 6), reduce=" + NORMAL
                + ", reduce_concat=range(2, 6))";
    }

    @Test
    void parsesKeptEdgesAndOpsAndGivesDroppedEdgesNone() {
        Architecture a = Architecture.parseGenotype(DARTS_V2);
        SearchSpace s = a.space();
        assertEquals("darts", s.name());
        assertEquals("dil_conv_3x3", a.op(CellType.NORMAL, s.edgeIndex(new Edge(5, 2))));
        assertTrue(a.kept(CellType.NORMAL, s.edgeIndex(new Edge(5, 2))));
        assertFalse(a.kept(CellType.NORMAL, s.edgeIndex(new Edge(5, 1))));
        assertEquals("none", a.op(CellType.NORMAL, s.edgeIndex(new Edge(5, 1))));
        assertEquals(List.of(0, 2), a.keptInputs(CellType.NORMAL, 5));
        assertEquals(List.of(1, 2), a.keptInputs(CellType.REDUCE, 3));
        assertEquals("max_pool_3x3", a.op(CellType.REDUCE, s.edgeIndex(new Edge(3, 1))));
    }

    @Test
    void printsGenotypeItParsed() {
        assertEquals(DARTS_V2, Architecture.parseGenotype(DARTS_V2).toGenotypeString());
    }

    @Test
    void pairsOfANodeMayComeInAnyOrder() {
        // DARTS prints a node's inputs by weight, not by index.
        String swapped = DARTS_V2.replace("('skip_connect', 0), ('dil_conv_3x3', 2)", "('dil_conv_3x3', 2), ('skip_connect', 0)");
        assertEquals(Architecture.parseGenotype(DARTS_V2), Architecture.parseGenotype(swapped));
    }

    @Test
    void acceptsConcatAsListOrAbsentAndFieldsByPosition() {
        Architecture expected = Architecture.parseGenotype(DARTS_V2);
        assertEquals(expected, Architecture.parseGenotype(DARTS_V2.replace("range(2, 6)", "[2, 3, 4, 5]")));
        assertEquals(expected, Architecture.parseGenotype(
                DARTS_V2.replace(", normal_concat=range(2, 6)", "").replace(", reduce_concat=range(2, 6)", "")));
        String positional = DARTS_V2.replace("normal=", "").replace("normal_concat=", "")
                .replace("reduce=", "").replace("reduce_concat=", "");
        assertEquals(expected, Architecture.parseGenotype(positional));
        assertEquals(expected, Architecture.parseGenotype(DARTS_V2.replace('\'', '"')));
        assertEquals(expected, Architecture.parseGenotype("DARTS_V2 = " + DARTS_V2));
    }

    @Test
    void bareListDescribesEveryCell() {
        Architecture a = Architecture.parseGenotype(NORMAL);
        assertEquals(a.ops(CellType.NORMAL), a.ops(CellType.REDUCE));
        assertEquals(Architecture.parseGenotype(DARTS_V2).ops(CellType.NORMAL), a.ops(CellType.NORMAL));
    }

    @Test
    void sampledArchitecturesRoundTripInEveryDartsTypeSpace() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (String name : List.of("darts", "s1", "s2", "s3", "s4")) {
            SearchSpace s = SearchSpace.byName(name);
            for (int i = 0; i < 20; i++) {
                Architecture a = Architecture.sample(s, r);
                assertEquals(a, Architecture.parseGenotype(s, a.toGenotypeString()), name);
            }
        }
    }

    @Test
    void unknownOpNamesOpEdgeCellAndAllowedOps() {
        String m = error(withNormal(NORMAL.replace("('dil_conv_3x3', 2)", "('conv_7x7', 2)")));
        assertTrue(m.contains("unknown op 'conv_7x7'"), m);
        assertTrue(m.contains("normal edge 5<-2"), m);
        assertTrue(m.contains("allowed: [max_pool_3x3, avg_pool_3x3, skip_connect, sep_conv_3x3"), m);
    }

    @Test
    void opOutsideAnS1EdgesPairIsUnknownThere() {
        // S1's normal edge 2<-0 allows only skip_connect and dil_conv_3x3.
        String m = assertThrows(IllegalArgumentException.class,
                () -> Architecture.parseGenotype(SearchSpace.s1(), DARTS_V2)).getMessage();
        assertTrue(m.contains("unknown op 'sep_conv_3x3'"), m);
        assertTrue(m.contains("normal edge 2<-0"), m);
        assertTrue(m.contains("[skip_connect, dil_conv_3x3]"), m);
    }

    @Test
    void noneOnAKeptEdgeIsRejected() {
        String m = error(withNormal(NORMAL.replace("('dil_conv_3x3', 2)", "('none', 2)")));
        assertTrue(m.contains("op 'none' on a kept edge"), m);
        assertTrue(m.contains("normal edge 5<-2"), m);
    }

    @Test
    void sevenPairsIsAWrongNumberOfInputs() {
        String m = error(withNormal(NORMAL.replace(", ('dil_conv_3x3', 2)", "")));
        assertTrue(m.contains("wrong number of inputs"), m);
        assertTrue(m.contains("lists 7 (op, input) pairs"), m);
        assertTrue(m.contains("needs 8"), m);
    }

    @Test
    void inputNotBeforeTheNodeIsAWrongInputIndex() {
        // The first pair of node 2 cannot take node 2's own output.
        String m = error(withNormal(NORMAL.replaceFirst("\\('sep_conv_3x3', 0\\)", "('sep_conv_3x3', 2)")));
        assertTrue(m.contains("wrong input index"), m);
        assertTrue(m.contains("pair 0 ('sep_conv_3x3', 2)"), m);
        assertTrue(m.contains("feeds node 2, whose inputs are 0..1"), m);
    }

    @Test
    void sameInputTwiceForANodeIsADuplicate() {
        String m = error(withNormal(NORMAL.replace("('skip_connect', 0), ('dil_conv_3x3', 2)", "('skip_connect', 2), ('dil_conv_3x3', 2)")));
        assertTrue(m.contains("duplicate inputs"), m);
        assertTrue(m.contains("repeats input 2 of node 5"), m);
    }

    @Test
    void malformedTextNamesPositionAndToken() {
        String m = error("Genotype(normal=[('sep_conv_3x3' 0)])");
        assertTrue(m.contains("malformed genotype at position 33"), m);
        assertTrue(m.contains("expected ','"), m);
        assertTrue(m.contains("found '0'"), m);

        m = error("Genotipe(normal=[])");
        assertTrue(m.contains("position 0"), m);
        assertTrue(m.contains("found 'Genotipe'"), m);

        m = error("Genotype(normal=[('sep_conv_3x3, 0)])");
        assertTrue(m.contains("unterminated string"), m);

        m = error("Genotype(normal=" + NORMAL + ", normal_cat=range(2, 6))");
        assertTrue(m.contains("unknown field 'normal_cat'"), m);

        m = error(DARTS_V2 + " extra");
        assertTrue(m.contains("expected the end of the genotype, found 'extra'"), m);
    }

    @Test
    void missingCellAndPartialConcatAreRejected() {
        String m = error("Genotype(normal=" + NORMAL + ")");
        assertTrue(m.contains("genotype has no reduce cell"), m);
        m = error(DARTS_V2.replace("normal_concat=range(2, 6)", "normal_concat=[2, 3]"));
        assertTrue(m.contains("normal_concat at position"), m);
        assertTrue(m.contains("[2, 3]"), m);
    }

    @Test
    void nb201SpaceHasNoGenotypeForm() {
        String m = assertThrows(IllegalArgumentException.class,
                () -> Architecture.parseGenotype(SearchSpace.nb201(), DARTS_V2)).getMessage();
        assertTrue(m.contains("nb201 space has no genotype form"), m);
    }
}
