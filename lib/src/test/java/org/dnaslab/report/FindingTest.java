package org.dnaslab.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FindingTest {
    static final Claim PT_BEATS_MAGNITUDE = Claim.below("04-pt-gap", "PT loses less accuracy at discretization than"
                    + " magnitude selection on the same supernet.", "Wang et al. 2021, Table 1",
            "PT gap − magnitude gap", 0, "PT's gap is far smaller");

    private static Finding finding(double... values) {
        return finding(PT_BEATS_MAGNITUDE, values);
    }

    /** A laptop-budget finding of a claim with one value per seed 0, 1, …; shared with FindingsTest. */
    static Finding finding(Claim claim, double... values) {
        List<Long> seeds = new java.util.ArrayList<>();
        List<Double> v = new java.util.ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            seeds.add((long) i);
            v.add(values[i]);
        }
        return Finding.of(claim, "laptop", seeds, v, 300);
    }

    @Test
    void theIntervalIsStudentsTOverTheSeeds() {
        Finding f = finding(-0.30, -0.20, -0.10);
        assertEquals(-0.20, f.mean(), 1e-12);
        assertEquals(0.10, f.std(), 1e-12);
        // t(0.975, 2 df) = 4.302653; half-width = t · s / √n.
        assertEquals(4.302653 * 0.10 / Math.sqrt(3), f.halfWidth(), 1e-6);
    }

    @Test
    void pairedDifferencesAreTreatedMinusBaselinePerSeed() {
        Finding f = Finding.ofDifferences(PT_BEATS_MAGNITUDE, "laptop", List.of(0L, 1L), List.of(0.5, 0.25),
                List.of(0.75, 0.5), 10);
        assertEquals(List.of(-0.25, -0.25), f.values());
        var e = assertThrows(IllegalArgumentException.class, () -> Finding.ofDifferences(PT_BEATS_MAGNITUDE, "laptop",
                List.of(0L, 1L), List.of(0.5), List.of(0.75, 0.5), 10));
        assertTrue(e.getMessage().contains("04-pt-gap"), e.getMessage());
    }

    @Test
    void anIntervalWhollyOnTheClaimsSideReproducesIt() {
        assertEquals(Verdict.REPRODUCED, finding(-0.30, -0.25, -0.28).verdict());
    }

    @Test
    void anIntervalWhollyOnTheOtherSideDoesNot() {
        assertEquals(Verdict.NOT_REPRODUCED, finding(0.30, 0.25, 0.28).verdict());
    }

    @Test
    void anIntervalAcrossTheThresholdOrASingleSeedIsInconclusive() {
        assertEquals(Verdict.INCONCLUSIVE, finding(-0.30, 0.05, -0.10).verdict());
        assertEquals(Verdict.INCONCLUSIVE, finding(-0.5).verdict(), "one seed says nothing about spread");
        assertEquals(Verdict.INCONCLUSIVE, finding(0, 0, 0).verdict(), "exactly on the threshold");
    }

    @Test
    void aClaimAboveATresholdIsJudgedTheOtherWayRound() {
        Claim drift = Claim.above("01-drift", "DARTS drifts toward parameter-free ops.", "Zela et al. 2020",
                "parameter-free share, last − first epoch", 0.05, "share grows");
        Finding f = Finding.of(drift, "laptop", List.of(0L, 1L, 2L), List.of(0.2, 0.25, 0.3), 10);
        assertEquals(Verdict.REPRODUCED, f.verdict());
        assertEquals("parameter-free share, last − first epoch > 0.05", drift.condition());
    }

    @Test
    void theVerdictLineNamesVerdictEffectIntervalSeedsBudgetAndSource() {
        String line = finding(-0.30, -0.20, -0.10).verdictLine();
        assertTrue(line.startsWith("verdict: reproduced — PT gap − magnitude gap = -0.200 [-0.448, 0.048]")
                || line.startsWith("verdict: inconclusive — PT gap − magnitude gap = -0.200 [-0.448, 0.048]"), line);
        assertTrue(line.contains("3 seeds") && line.contains("laptop budget") && line.contains("Table 1"), line);
        assertEquals(Verdict.INCONCLUSIVE, finding(-0.30, -0.20, -0.10).verdict(), "the interval crosses 0");
    }

    @Test
    void htmlEscapesTheClaimsText() {
        Claim c = Claim.above("x", "a < b & c", "s", "e", 0, "p");
        String html = Finding.of(c, "quick", List.of(1L, 2L, 3L), List.of(1.0, 1.1, 1.2), 1).toHtml();
        assertTrue(html.contains("a &lt; b &amp; c"), html);
        assertTrue(html.contains(">reproduced<") && html.contains("3 seeds, quick budget, 1 s"), html);
    }

    @Test
    void badInputIsRefusedWithTheClaimAndTheSeed() {
        var nan = assertThrows(IllegalArgumentException.class,
                () -> Finding.of(PT_BEATS_MAGNITUDE, "laptop", List.of(3L, 4L), List.of(0.1, Double.NaN), 1));
        assertTrue(nan.getMessage().contains("04-pt-gap") && nan.getMessage().contains("seed 4"), nan.getMessage());
        var count = assertThrows(IllegalArgumentException.class,
                () -> Finding.of(PT_BEATS_MAGNITUDE, "laptop", List.of(3L), List.of(0.1, 0.2), 1));
        assertTrue(count.getMessage().contains("2 values for 1 seeds"), count.getMessage());
        var id = assertThrows(IllegalArgumentException.class, () -> Claim.above("a b", "s", "s", "e", 0, "p"));
        assertTrue(id.getMessage().contains("'a b'"), id.getMessage());
    }
}
