package org.dnaslab.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RankCorrelationTest {
    private static final double EPS = 1e-12;

    @Test
    void withoutTiesTauCountsConcordantMinusDiscordantPairs() {
        // Of the 10 pairs, (0,1), (0,2) and (3,4) are discordant, the other 7 concordant: tau = (7 - 3) / 10.
        double[] x = {1, 2, 3, 4, 5};
        double[] y = {3, 1, 2, 5, 4};
        assertEquals(0.4, RankCorrelation.kendallTau(x, y), EPS);
        // Rank differences -2, 1, 1, -1, 1: rho = 1 - 6 * 8 / (5 * 24) = 0.6.
        assertEquals(0.6, RankCorrelation.spearmanRho(x, y), EPS);
    }

    @Test
    void tauBCorrectsForTiesInEitherScoring() {
        // Pairs: C C C, (1,2) tied in x, (1,3) D, (2,3) tied in y. tau-b = (3 - 1) / sqrt((6 - 1)(6 - 1)) = 0.4.
        double[] x = {1, 2, 2, 3};
        double[] y = {1, 3, 2, 2};
        assertEquals(0.4, RankCorrelation.kendallTau(x, y), EPS);
        // Average ranks x: 1, 2.5, 2.5, 4; y: 1, 4, 2.5, 2.5. Pearson of these = 2.25 / 4.5.
        assertEquals(0.5, RankCorrelation.spearmanRho(x, y), EPS);
    }

    @Test
    void aPairTiedInBothScoringsCountsAsTiedInEach() {
        // x = 1 1 2 2, y = 1 1 1 2. Concordant: (0,3), (1,3); no discordant. Ties in x: (0,1), (2,3) -> 2;
        // ties in y: (0,1), (0,2), (1,2) -> 3. tau-b = 2 / sqrt((6 - 2)(6 - 3)) = 2 / sqrt(12); tau-a would say 1/3.
        double[] x = {1, 1, 2, 2};
        double[] y = {1, 1, 1, 2};
        assertEquals(2 / Math.sqrt(12), RankCorrelation.kendallTau(x, y), EPS);
        // Ranks x: 1.5 1.5 3.5 3.5; y: 2 2 2 4. Deviations (-1 -1 1 1) and (-.5 -.5 -.5 1.5): 2 / sqrt(4 * 3).
        assertEquals(2 / Math.sqrt(12), RankCorrelation.spearmanRho(x, y), EPS);
    }

    @Test
    void reversedOrderGivesMinusOneAndSameOrderPlusOne() {
        double[] x = {0.1, 0.5, 0.3, 0.9};
        double[] y = {9, 5, 7, 1};
        assertEquals(-1, RankCorrelation.kendallTau(x, y), EPS);
        assertEquals(-1, RankCorrelation.spearmanRho(x, y), EPS);
        assertEquals(1, RankCorrelation.kendallTau(x, new double[] {10, 50, 30, 90}), EPS);
    }

    @Test
    void keyedScoringsArePairedByKeyNotByOrder() {
        // Same items as the first test, inserted in different orders: the pairing must follow the keys.
        Map<String, Double> seed0 = new LinkedHashMap<>();
        Map<String, Double> seed1 = new LinkedHashMap<>();
        String[] archs = {"a", "b", "c", "d", "e"};
        double[] x = {1, 2, 3, 4, 5};
        double[] y = {3, 1, 2, 5, 4};
        for (int i = 0; i < 5; i++) {
            seed0.put(archs[i], x[i]);
            seed1.put(archs[4 - i], y[4 - i]);
        }
        assertEquals(0.4, RankCorrelation.kendallTau(seed0, seed1), EPS);
        assertEquals(0.6, RankCorrelation.spearmanRho(seed0, seed1), EPS);
        seed1.remove("c");
        seed1.put("z", 1.0);
        var e = assertThrows(IllegalArgumentException.class, () -> RankCorrelation.kendallTau(seed0, seed1));
        assertTrue(e.getMessage().contains("only in the first: [c], only in the second: [z]"), e.getMessage());
    }

    @Test
    void tiedValuesShareTheirAverageRank() {
        assertArrayEquals(new double[] {4, 2, 2, 2, 5}, RankCorrelation.ranks(new double[] {7, 3, 3, 3, 8}), EPS);
    }

    @Test
    void refusesInputsWhereRankAgreementIsUndefined() {
        var length = assertThrows(IllegalArgumentException.class,
                () -> RankCorrelation.kendallTau(new double[] {1, 2, 3}, new double[] {1, 2}));
        assertTrue(length.getMessage().contains("3 and 2"), length.getMessage());
        var few = assertThrows(IllegalArgumentException.class,
                () -> RankCorrelation.spearmanRho(new double[] {1}, new double[] {1}));
        assertTrue(few.getMessage().contains("at least 2"), few.getMessage());
        var tied = assertThrows(IllegalArgumentException.class,
                () -> RankCorrelation.kendallTau(new double[] {1, 2, 3}, new double[] {4, 4, 4}));
        assertTrue(tied.getMessage().contains("second scoring are tied"), tied.getMessage());
        var nan = assertThrows(IllegalArgumentException.class,
                () -> RankCorrelation.spearmanRho(new double[] {1, Double.NaN}, new double[] {1, 2}));
        assertTrue(nan.getMessage().contains("index 1"), nan.getMessage());
    }
}
