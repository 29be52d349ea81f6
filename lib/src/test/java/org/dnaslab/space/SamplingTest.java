package org.dnaslab.space;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SamplingTest {
    private static List<Architecture> draw(SearchSpace s, long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> Architecture.sample(s, r)).toList();
    }

    @Test
    void sameSeedSameArchitecturesOtherSeedOthers() {
        for (String name : SearchSpace.names()) {
            SearchSpace s = SearchSpace.byName(name);
            assertEquals(draw(s, 42, 10), draw(s, 42, 10), name);
            assertNotEquals(draw(s, 42, 10), draw(s, 43, 10), name);
        }
    }

    @Test
    void nb201DrawsEveryOpOnEveryEdgeAboutEqually() {
        SearchSpace s = SearchSpace.nb201();
        int n = 5000;
        int[][] counts = new int[6][5];
        for (Architecture a : draw(s, 1, n)) {
            for (int e = 0; e < 6; e++) {
                counts[e][s.ops().indexOf(a.op(CellType.NORMAL, e))]++;
            }
        }
        for (int[] edge : counts) {
            for (int c : edge) {
                assertTrue(Math.abs(c - n / 5) < 150, "count " + c + " far from " + n / 5);
            }
        }
    }

    @Test
    void dartsKeepsTwoDistinctInputsWithRealOpsAndCoversEverything() {
        SearchSpace s = SearchSpace.darts();
        int n = 4000;
        Map<Integer, Integer> keptCount = new HashMap<>();
        Set<String> opsSeen = new HashSet<>();
        for (Architecture a : draw(s, 3, n)) {
            for (CellType t : s.cellTypes()) {
                for (int node = 2; node < 6; node++) {
                    assertEquals(2, a.keptInputs(t, node).size());
                }
                for (int e = 0; e < 14; e++) {
                    if (a.kept(t, e)) {
                        assertNotEquals("none", a.op(t, e));
                        opsSeen.add(a.op(t, e));
                        if (t == CellType.NORMAL) {
                            keptCount.merge(e, 1, Integer::sum);
                        }
                    } else {
                        assertEquals("none", a.op(t, e));
                    }
                }
            }
        }
        assertEquals(7, opsSeen.size());
        // A node with m inputs keeps each one with probability 2/m.
        for (int e = 0; e < 14; e++) {
            int m = s.edges().get(e).to();
            double expected = n * 2.0 / m;
            assertTrue(Math.abs(keptCount.get(e) - expected) < 0.06 * expected, "edge " + e + ": " + keptCount.get(e));
        }
    }

    @Test
    void s1SamplesStayWithinEachEdgesPair() {
        SearchSpace s = SearchSpace.s1();
        Set<String> seen = new HashSet<>();
        for (Architecture a : draw(s, 9, 500)) {
            for (CellType t : s.cellTypes()) {
                for (int e = 0; e < 14; e++) {
                    if (a.kept(t, e)) {
                        assertTrue(s.candidates(t, e).contains(a.op(t, e)));
                        seen.add(t + "/" + e + "/" + a.op(t, e));
                    }
                }
            }
        }
        assertEquals(2 * 14 * 2, seen.size());
    }

    @Test
    void s3NeverKeepsNoneAndS4KeepsNoise() {
        for (Architecture a : draw(SearchSpace.s3(), 2, 200)) {
            assertTrue(a.ops(CellType.NORMAL).stream().filter(o -> o.equals("none")).count() == 6);
        }
        assertTrue(draw(SearchSpace.s4(), 2, 20).stream().anyMatch(a -> a.ops(CellType.REDUCE).contains("noise")));
    }
}
