package org.dnaslab.space;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Nb201CanonicalTest {
    private static Architecture cell(String nb201) {
        return Architecture.parseNb201(nb201);
    }

    private static void assertSame(String a, String b) {
        assertEquals(Nb201Canonical.key(cell(a)), Nb201Canonical.key(cell(b)), a + " and " + b + " compute the same");
        assertTrue(Nb201Canonical.equivalent(cell(a), cell(b)));
    }

    private static void assertDifferent(String a, String b) {
        assertNotEquals(Nb201Canonical.key(cell(a)), Nb201Canonical.key(cell(b)), a + " and " + b + " differ");
    }

    @Test
    void nodesOneAndTwoSwapWhenNoEdgeJoinsThem() {
        assertSame("|nor_conv_3x3~0|+|nor_conv_1x1~0|none~1|+|skip_connect~0|avg_pool_3x3~1|nor_conv_3x3~2|",
                "|nor_conv_1x1~0|+|nor_conv_3x3~0|none~1|+|skip_connect~0|nor_conv_3x3~1|avg_pool_3x3~2|");
    }

    @Test
    void nodesOneAndTwoDoNotSwapWhenAnEdgeJoinsThem() {
        assertDifferent("|nor_conv_3x3~0|+|nor_conv_1x1~0|nor_conv_3x3~1|+|none~0|avg_pool_3x3~1|nor_conv_3x3~2|",
                "|nor_conv_1x1~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|none~0|nor_conv_3x3~1|avg_pool_3x3~2|");
    }

    @Test
    void edgesOutOfANodeCutOffFromTheInputAreDead() {
        // Node 1 receives only none, so whatever leaves it is dead.
        assertSame("|none~0|+|nor_conv_3x3~0|nor_conv_1x1~1|+|skip_connect~0|nor_conv_3x3~1|avg_pool_3x3~2|",
                "|none~0|+|nor_conv_3x3~0|none~1|+|skip_connect~0|none~1|avg_pool_3x3~2|");
    }

    @Test
    void edgesIntoANodeThatNeverReachesTheOutputAreDead() {
        // Node 2 feeds the output through none only.
        assertSame("|nor_conv_3x3~0|+|avg_pool_3x3~0|nor_conv_1x1~1|+|skip_connect~0|nor_conv_3x3~1|none~2|",
                "|nor_conv_3x3~0|+|none~0|none~1|+|skip_connect~0|nor_conv_3x3~1|none~2|");
    }

    @Test
    void aCellWhoseOutputIsCutOffIsZero() {
        Architecture cut = cell("|nor_conv_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|none~0|none~1|none~2|");
        assertEquals(Nb201Canonical.ZERO, Nb201Canonical.key(cut));
        // Every op of a zero node is zero too.
        assertEquals(Nb201Canonical.ZERO,
                Nb201Canonical.key(cell("|none~0|+|none~0|nor_conv_3x3~1|+|none~0|avg_pool_3x3~1|nor_conv_1x1~2|")));
        // 3 edges into node 3 carry none: 5^3 cells; plus the cells where node 3 reads only zero nodes.
        assertTrue(Nb201Canonical.classSize(cut) > 125);
    }

    @Test
    void skipConnectIsTheIdentity() {
        assertSame("|skip_connect~0|+|none~0|none~1|+|none~0|nor_conv_3x3~1|none~2|",
                "|none~0|+|none~0|none~1|+|nor_conv_3x3~0|none~1|none~2|");
        assertSame("|nor_conv_1x1~0|+|skip_connect~0|skip_connect~1|+|none~0|none~1|nor_conv_3x3~2|",
                "|nor_conv_1x1~0|+|skip_connect~0|skip_connect~1|+|none~0|none~1|nor_conv_3x3~2|");
    }

    @Test
    void twoConvolutionsOfOneInputAreNotOne() {
        assertDifferent("|nor_conv_3x3~0|+|none~0|none~1|+|nor_conv_3x3~0|skip_connect~1|none~2|",
                "|none~0|+|none~0|none~1|+|nor_conv_3x3~0|none~1|none~2|");
    }

    @Test
    void aConvolutionOfASumIsNotASumOfConvolutions() {
        assertDifferent("|nor_conv_1x1~0|+|skip_connect~0|skip_connect~1|+|none~0|none~1|nor_conv_3x3~2|",
                "|nor_conv_1x1~0|+|none~0|none~1|+|nor_conv_3x3~0|nor_conv_3x3~1|none~2|");
    }

    @Test
    void averagePoolingOfASumIsTheSumOfThePools() {
        assertSame("|nor_conv_3x3~0|+|skip_connect~0|skip_connect~1|+|none~0|none~1|avg_pool_3x3~2|",
                "|nor_conv_3x3~0|+|none~0|none~1|+|avg_pool_3x3~0|avg_pool_3x3~1|none~2|");
    }

    @Test
    void theKeyReadsAsTheCellsFunction() {
        assertEquals("nor_conv_3x3(x)+x",
                Nb201Canonical.key(cell("|nor_conv_3x3~0|+|none~0|none~1|+|skip_connect~0|skip_connect~1|none~2|")));
        assertEquals("nor_conv_1x1(nor_conv_3x3(x))",
                Nb201Canonical.key(cell("|nor_conv_3x3~0|+|none~0|none~1|+|none~0|nor_conv_1x1~1|none~2|")));
    }

    @Test
    void theSpaceHas4660FunctionsAmongIts15625Cells() {
        List<Architecture> all = Nb201Canonical.allCells();
        assertEquals(15_625, new HashSet<>(all).size());
        assertEquals(4_660, Nb201Canonical.uniqueCells().size());
        int covered = 0;
        for (Architecture representative : Nb201Canonical.uniqueCells()) {
            covered += Nb201Canonical.classSize(representative);
        }
        assertEquals(15_625, covered, "the classes partition the space");
    }

    @Test
    void nasBench201sOwnConventionGives6466AndOursOnlyMergesMore() {
        // NAS-Bench-201's rule, written here from its paper's description: none and ops of the input node's zero
        // become a '#' term that stays in the sum, and skip passes its input's sum on as one term. It counts 6,466.
        Set<String> theirs = new HashSet<>();
        for (Architecture cell : Nb201Canonical.allCells()) {
            theirs.add(nasBench201Key(cell));
        }
        assertEquals(6_466, theirs.size());
        // Every one of their classes lies inside one of ours: our rules only merge, never split.
        Map<String, String> oursOfTheirs = new HashMap<>();
        for (Architecture cell : Nb201Canonical.allCells()) {
            String previous = oursOfTheirs.putIfAbsent(nasBench201Key(cell), Nb201Canonical.key(cell));
            if (previous != null) {
                assertEquals(previous, Nb201Canonical.key(cell), cell.toNb201String());
            }
        }
    }

    private static String nasBench201Key(Architecture cell) {
        SearchSpace space = cell.space();
        List<String> nodes = new ArrayList<>(List.of("0"));
        for (int node = 1; node < space.nodeCount(); node++) {
            List<String> terms = new ArrayList<>();
            for (int e : space.incoming(node)) {
                String op = cell.op(CellType.NORMAL, e);
                String input = nodes.get(space.edges().get(e).from());
                if (op.equals(OpNames.NONE) || input.equals("#")) {
                    terms.add("#");
                } else if (op.equals(OpNames.SKIP_CONNECT)) {
                    terms.add(input);
                } else {
                    terms.add("(" + input + ")@" + op);
                }
            }
            Collections.sort(terms);
            nodes.add(String.join("+", terms));
        }
        return nodes.get(nodes.size() - 1);
    }

    @Test
    void theRepresentativeIsInItsClassWithDeadEdgesAsNone() {
        Architecture c = cell("|none~0|+|nor_conv_3x3~0|nor_conv_1x1~1|+|skip_connect~0|nor_conv_3x3~1|avg_pool_3x3~2|");
        Architecture r = Nb201Canonical.representative(c);
        assertEquals(Nb201Canonical.key(c), Nb201Canonical.key(r));
        assertEquals(r, Nb201Canonical.representative(r));
        assertTrue(Nb201Canonical.uniqueCells().contains(r));
        SearchSpace space = r.space();
        assertEquals(OpNames.NONE, r.op(CellType.NORMAL, space.edgeIndex(new Edge(2, 1))), r.toNb201String());
        assertEquals(OpNames.NONE, r.op(CellType.NORMAL, space.edgeIndex(new Edge(3, 1))), r.toNb201String());
    }

    @Test
    void otherSpacesAreRefusedByName() {
        Architecture darts = Architecture.sample(SearchSpace.darts(), new java.util.SplittableRandom(0));
        String message = assertThrows(IllegalArgumentException.class, () -> Nb201Canonical.key(darts)).getMessage();
        assertTrue(message.contains("nb201") && message.contains("darts"), message);
    }
}
