package org.dnaslab.select;

import ai.djl.ndarray.NDArray;
import org.dnaslab.search.DartsSearch;
import org.dnaslab.space.Architecture;
import org.dnaslab.space.CellType;
import org.dnaslab.space.OpNames;
import org.dnaslab.space.SearchSpace;
import org.dnaslab.supernet.EdgeDecisions;
import org.dnaslab.supernet.SupernetSnapshot;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PerturbationSelectorTest {

    /**
     * Only the edge 3<-0 carries the signal (every other edge is committed to none), and the weights were trained
     * with that edge an exact identity (skip). α then favours none on it. Removing skip leaves node 3 empty, which
     * the task cannot survive; removing none changes nothing. PT must keep skip; magnitude follows α to none.
     */
    @Test
    void aMissingPathIsRefusedWhereItIsSet() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> PerturbationSelector.builder().optPath(null));
        assertTrue(e.getMessage().contains("NAIVE or FAST"), e.getMessage());
    }

    @Test
    void ptKeepsTheIdentityTheTaskNeedsWhileMagnitudeFollowsAlphaToAHarmfulOp() {
        SearchSpace space = SearchSpace.nb201();
        int needed = space.edgeIndex(new org.dnaslab.space.Edge(3, 0));
        try (DartsSearch search = DartsSearch.builder(Tiny.nb201(21, 4).optFixedAlpha(true).build())
                .optProgress(false).build()) {
            EdgeDecisions d = search.supernet().arch().decisions();
            for (int e = 0; e < space.edges().size(); e++) {
                d.commit(CellType.NORMAL, e, e == needed ? OpNames.SKIP_CONNECT : OpNames.NONE);
            }
            search.run(Tiny.DATA);
            SelectionContext ctx = SelectionContext.of(search, Tiny.DATA);
            double trained = ctx.validation(0).evaluate(search.supernet()).accuracy();
            assertTrue(trained > 0.6, "the identity path must have learned the task, got " + trained);

            d.restoreEdge(CellType.NORMAL, needed);
            d.clear();
            for (int e = 0; e < space.edges().size(); e++) {
                if (e != needed) {
                    d.commit(CellType.NORMAL, e, OpNames.NONE);
                }
            }
            // α on the needed edge: none 2, skip 1, everything else far below
            float[] alpha = new float[space.edges().size() * space.ops().size()];
            java.util.Arrays.fill(alpha, -10f);
            int ops = space.ops().size();
            alpha[needed * ops + space.ops().indexOf(OpNames.NONE)] = 2f;
            alpha[needed * ops + space.ops().indexOf(OpNames.SKIP_CONNECT)] = 1f;
            NDArray a = search.supernet().arch().alpha(CellType.NORMAL);
            a.setRequiresGradient(false);
            a.set(alpha);
            a.setRequiresGradient(true);

            Architecture magnitude = new MagnitudeSelector().select(ctx).architecture();
            assertEquals(OpNames.NONE, magnitude.op(CellType.NORMAL, needed));

            Selection pt = PerturbationSelector.builder().optInterval(0).optProgress(false).build().select(ctx);
            assertEquals(OpNames.SKIP_CONNECT, pt.architecture().op(CellType.NORMAL, needed));
            EdgeDecision decision = pt.decisions().get(0);
            assertEquals("3<-0", decision.target());
            assertEquals(decision.baseline(), decision.scores().get(OpNames.NONE), 0.0,
                    "masking none changes nothing");
            assertTrue(decision.scores().get(OpNames.SKIP_CONNECT) < decision.baseline() - 0.2,
                    "removing the identity must be catastrophic: " + decision.scores());
            assertEquals(1, pt.decisions().size(), "edges committed beforehand count as decided");
        }
    }

    @Test
    void fastAndNaivePathsMakeIdenticalDecisionsWithTuningBetweenThem() {
        try (DartsSearch search = Tiny.search(Tiny.nb201(5, 1).build());
             SupernetSnapshot start = SupernetSnapshot.of(search.supernet())) {
            SelectionContext ctx = SelectionContext.of(search, Tiny.DATA);
            Selection fast = PerturbationSelector.builder().optInterval(1).optEvalBatches(2).optProgress(false)
                    .optPath(PerturbationEvaluator.Path.FAST).build().select(ctx);
            start.restore();
            Selection naive = PerturbationSelector.builder().optInterval(1).optEvalBatches(2).optProgress(false)
                    .optPath(PerturbationEvaluator.Path.NAIVE).build().select(ctx);
            assertSameDecisions(fast, naive, 2 * 16);
            assertEquals(6, fast.decisions().size());
        }
    }

    @Test
    void edgeOrderIsSeededAndChosenOpIsTheOneWhoseRemovalHurtsMost() {
        try (DartsSearch search = Tiny.search(Tiny.nb201(8, 1).build());
             SupernetSnapshot start = SupernetSnapshot.of(search.supernet())) {
            SelectionContext ctx = SelectionContext.of(search, Tiny.DATA);
            Selection a = PerturbationSelector.builder().optInterval(0).optEvalBatches(2).optSeed(1).optProgress(false)
                    .build().select(ctx);
            start.restore();
            Selection b = PerturbationSelector.builder().optInterval(0).optEvalBatches(2).optSeed(2).optProgress(false)
                    .build().select(ctx);
            List<String> orderA = a.decisions().stream().map(EdgeDecision::target).toList();
            List<String> orderB = b.decisions().stream().map(EdgeDecision::target).toList();
            assertTrue(!orderA.equals(orderB), "different seeds visit edges in another order: " + orderA);
            for (EdgeDecision d : a.decisions()) {
                double worst = d.scores().values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
                assertEquals(worst, d.scores().get(d.chosen()), 0.0);
                assertEquals(5, d.scores().size(), "NB201 measures all five ops, none included");
            }
        }
    }

    /**
     * The fast and naive paths sum in another order, so their accuracies may differ by an image whose two best logits
     * are within float32 rounding: scores agree within one image's worth, decisions wherever that cannot explain
     * them ({@link DecisionAgreement}); where no decision tied within rounding, the architectures are the same.
     */
    static void assertSameDecisions(Selection fast, Selection naive, int images) {
        DecisionAgreement agreement = DecisionAgreement.of(naive, fast, 1.0 / images);
        assertTrue(agreement.agree(), agreement.describe());
        if (agreement.tieAt() < 0) {
            assertEquals(naive.architecture(), fast.architecture());
        }
    }
}
