package org.dnaslab.select;

import org.dnaslab.space.Architecture;
import org.dnaslab.space.CellType;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecisionAgreementTest {
    private static final double ONE_IMAGE = 1.0 / 32;
    private static final Architecture ANY = Architecture.parseNb201(
            "|skip_connect~0|+|none~0|nor_conv_3x3~1|+|avg_pool_3x3~0|skip_connect~1|nor_conv_1x1~2|");

    /** An op decision on edge {@code target} over skip and conv with these accuracies; PT keeps the lower one. */
    private static EdgeDecision op(int step, String target, double skip, double conv, String chosen) {
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("skip_connect", skip);
        scores.put("nor_conv_3x3", conv);
        return new EdgeDecision(step, CellType.NORMAL, EdgeDecision.Kind.OP, target, scores, chosen, 0.9);
    }

    private static Selection of(EdgeDecision... decisions) {
        return new Selection("pt", ANY, List.of(decisions), 0);
    }

    @Test
    void theSameScoresAreIdentical() {
        DecisionAgreement a = DecisionAgreement.of(of(op(0, "1<-0", 0.5, 0.8, "skip_connect")),
                of(op(0, "1<-0", 0.5, 0.8, "skip_connect")), ONE_IMAGE);
        assertTrue(a.identical());
        assertEquals("identical", a.describe());
        assertEquals(1, a.compared());
    }

    @Test
    void scoresOneImageApartAgreeButAreNotIdentical() {
        DecisionAgreement a = DecisionAgreement.of(of(op(0, "1<-0", 0.5, 0.8, "skip_connect")),
                of(op(0, "1<-0", 0.5 + ONE_IMAGE, 0.8, "skip_connect")), ONE_IMAGE);
        assertTrue(a.agree());
        assertFalse(a.identical());
        assertEquals(ONE_IMAGE, a.largestDifference(), 1e-15);
    }

    @Test
    void aScoreFurtherApartIsAMismatchNamingTheCandidate() {
        DecisionAgreement a = DecisionAgreement.of(of(op(0, "1<-0", 0.5, 0.8, "skip_connect")),
                of(op(0, "1<-0", 0.5, 0.8 + 2 * ONE_IMAGE, "skip_connect")), ONE_IMAGE);
        assertFalse(a.agree());
        assertTrue(a.mismatch().contains("nor_conv_3x3") && a.mismatch().contains("1<-0"), a.mismatch());
    }

    @Test
    void anotherChoiceBetweenScoresThatTieWithinRoundingStopsTheComparisonThere() {
        DecisionAgreement a = DecisionAgreement.of(
                of(op(0, "1<-0", 0.5, 0.8, "skip_connect"), op(1, "2<-0", 0.6, 0.6 + ONE_IMAGE, "skip_connect"),
                        op(2, "2<-1", 0.1, 0.9, "skip_connect")),
                of(op(0, "1<-0", 0.5, 0.8, "skip_connect"), op(1, "2<-0", 0.6 + ONE_IMAGE, 0.6, "nor_conv_3x3"),
                        op(2, "2<-1", 0.9, 0.1, "nor_conv_3x3")), ONE_IMAGE);
        assertTrue(a.agree(), a.describe());
        assertEquals(1, a.tieAt());
        assertEquals(2, a.compared(), "decisions after the tie start from different supernets");
    }

    @Test
    void anotherChoiceWithAClearMarginIsAMismatch() {
        DecisionAgreement a = DecisionAgreement.of(of(op(0, "1<-0", 0.5, 0.8, "skip_connect")),
                of(op(0, "1<-0", 0.5, 0.8, "nor_conv_3x3")), ONE_IMAGE);
        assertFalse(a.agree());
        assertTrue(a.describe().startsWith("DIFFER: decision 0 (1<-0) chose skip_connect vs nor_conv_3x3"), a.describe());
    }

    @Test
    void anotherEdgeOrderOrCountIsAMismatch() {
        assertFalse(DecisionAgreement.of(of(op(0, "1<-0", 0.5, 0.8, "skip_connect")),
                of(op(0, "2<-0", 0.5, 0.8, "skip_connect")), ONE_IMAGE).agree());
        DecisionAgreement shorter = DecisionAgreement.of(of(op(0, "1<-0", 0.5, 0.8, "skip_connect")),
                of(op(0, "1<-0", 0.5, 0.8, "skip_connect"), op(1, "2<-0", 0.5, 0.8, "skip_connect")), ONE_IMAGE);
        assertEquals("1 decisions vs 2", shorter.mismatch());
    }

    @Test
    void aNaNScoreAgainstANumberIsAMismatch() {
        assertFalse(DecisionAgreement.of(of(op(0, "1<-0", 0.5, 0.8, "skip_connect")),
                of(op(0, "1<-0", Double.NaN, 0.8, "skip_connect")), ONE_IMAGE).agree());
    }
}
