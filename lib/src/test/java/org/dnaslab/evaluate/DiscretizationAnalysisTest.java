package org.dnaslab.evaluate;

import org.dnaslab.data.ImageDataset;
import org.dnaslab.data.SyntheticData;
import org.dnaslab.search.DartsSearch;
import org.dnaslab.search.SearchConfig;
import org.dnaslab.select.FineTuner;
import org.dnaslab.select.MagnitudeSelector;
import org.dnaslab.select.PerturbationEvaluator;
import org.dnaslab.select.PerturbationSelector;
import org.dnaslab.select.SelectionContext;
import org.dnaslab.space.Architecture;
import org.dnaslab.space.CellType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiscretizationAnalysisTest {
    private static final ImageDataset DATA = SyntheticData.gratings("tiny", 160, 3, 1, 8, 8, new SplittableRandom(2));
    private static DartsSearch search;
    private static SelectionContext ctx;

    @BeforeAll
    static void train() {
        SearchConfig c = SearchConfig.builder().setSpace("nb201").optChannels(4).optCells(1).optInput(1, 8).optClasses(3)
                .optSeed(4).setEpochs(2).optBatchSize(16).optAlphaLr(3e-2).build();
        search = DartsSearch.builder(c).optProgress(false).build();
        search.run(DATA);
        ctx = SelectionContext.of(search, DATA);
    }

    @AfterAll
    static void close() {
        search.close();
    }

    private static float[] alpha() {
        return search.supernet().arch().alpha(CellType.NORMAL).toFloatArray();
    }

    private static float[] firstWeight() {
        return search.supernet().weights().get(0).toFloatArray();
    }

    @Test
    void theGapIsZeroWhenTheSupernetAlreadyComputesTheArchitecture() {
        Architecture a = MagnitudeSelector.select(search.supernet().arch());
        search.supernet().arch().decisions().commit(a);
        try {
            DiscretizationReport r = new DiscretizationAnalysis(ctx.validation(0)).measure("m", search.supernet(), a, 0);
            assertEquals(0.0, r.gap(), 0.0);
            assertEquals(80, r.images());
        } finally {
            search.supernet().arch().decisions().clear();
        }
    }

    @Test
    void fineTuningIsMeasuredAndThenUndone() {
        float[] w = firstWeight();
        FineTuner tuner = FineTuner.from(ctx.config()).setEpochs(1).build();
        DiscretizationAnalysis analysis = new DiscretizationAnalysis(ctx.validation(0), tuner, ctx.data(), ctx.split().train());
        DiscretizationReport r = analysis.measure("m", search.supernet(), MagnitudeSelector.select(search.supernet().arch()), 0);
        assertFalse(Double.isNaN(r.fineTunedAccuracy()));
        assertEquals(1, r.fineTuneEpochs());
        assertArrayEquals(w, firstWeight());
        assertFalse(search.supernet().arch().decisions().isCommitted(CellType.NORMAL, 0));
    }

    @Test
    void comparisonRunsSelectorsOnTheSameSupernetAndTabulatesThem() {
        float[] a = alpha();
        float[] w = firstWeight();
        PerturbationSelector ptSelector = PerturbationSelector.builder().optInterval(1).optEvalBatches(2)
                .optProgress(false).build();
        int total = Comparison.equalTuning(ctx, 1, ptSelector, new MagnitudeSelector());
        assertEquals(5 + 1, total, "PT tunes 1 epoch after each of its first 5 decisions on NB201's 6 edges");
        Comparison cmp = Comparison.tunedBy(FineTuner.from(ctx.config()).setEpochs(total).build());
        DiscretizationReport pt = cmp.run(ctx, ptSelector);
        DiscretizationReport mag = cmp.run(ctx, new MagnitudeSelector());
        assertEquals(pt.supernetAccuracy(), mag.supernetAccuracy(), 0.0, "PT's tuning was undone before magnitude ran");
        assertArrayEquals(a, alpha());
        assertArrayEquals(w, firstWeight());
        Table t = cmp.table();
        assertEquals(2, t.rowCount());
        assertEquals(List.of("pt", "magnitude"), t.stringColumn("method").asList());
        assertEquals(pt.supernetAccuracy() - pt.discretizedAccuracy(), t.doubleColumn("gap").get(0), 1e-12);
        assertTrue(t.columnNames().containsAll(List.of("fineTunedAcc", "paramFreeShare", "skipShare", "seconds")));
        assertEquals(6, cmp.selections().get(0).decisions().size());
        assertTrue(cmp.selections().get(0).decisionTable().rowCount() >= 6 * 5);
    }

    @Test
    void ptAndMagnitudeGetTheSameTotalTuningAndAreDiscretizedOnTheSameWeights() {
        PerturbationSelector ptSelector = PerturbationSelector.builder().optInterval(1).optEvalBatches(2)
                .optProgress(false).build();
        FineTuner tuner = FineTuner.from(ctx.config()).setEpochs(Comparison.equalTuning(ctx, 1, ptSelector)).build();
        Comparison cmp = Comparison.tunedBy(tuner);
        DiscretizationReport mag = cmp.run(ctx, new MagnitudeSelector());
        DiscretizationReport pt = cmp.run(ctx, ptSelector);
        assertEquals(mag.fineTuneEpochs(), pt.fineTuneEpochs(), "the same total tuning for both");
        assertEquals(6, pt.fineTuneEpochs());
        assertEquals(5, pt.selectionTuneEpochs(), "PT's tuning between decisions counts");
        assertEquals(0, mag.selectionTuneEpochs());
        assertEquals(List.of(5, 0), List.of(cmp.selections().get(1).tuningEpochs(), cmp.selections().get(0).tuningEpochs()));
        Table t = cmp.table();
        assertEquals(List.of(0, 5), t.intColumn("selectionTuneEpochs").asList());
        assertEquals(List.of(6, 6), t.intColumn("fineTuneEpochs").asList());

        // PT's architecture on the trained supernet's weights, not on the weights PT tuned while choosing
        DiscretizationReport onTrained = new DiscretizationAnalysis(ctx.validation(0)).measure("pt", search.supernet(),
                cmp.selections().get(1).architecture(), 0);
        assertEquals(onTrained.discretizedAccuracy(), pt.discretizedAccuracy(), 0.0);

        // a comparison whose total is below PT's own tuning is refused rather than unfair
        Comparison short_ = Comparison.tunedBy(FineTuner.from(ctx.config()).setEpochs(2).build());
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> short_.run(ctx, ptSelector));
        assertTrue(e.getMessage().contains("5 epochs"), e.getMessage());
    }

    @Test
    void operationStrengthCommitsEachOpAndBothPathsAgree() {
        List<OperationStrength> fast = OperationStrength.measure(search.supernet(),
                new PerturbationEvaluator(DATA, ctx.split().val(), 16, 2, PerturbationEvaluator.Path.FAST));
        List<OperationStrength> naive = OperationStrength.measure(search.supernet(),
                new PerturbationEvaluator(DATA, ctx.split().val(), 16, 2, PerturbationEvaluator.Path.NAIVE));
        assertEquals(6 * 5, fast.size());
        // the paths sum in another order: an image whose two best logits are within float32 rounding may flip
        double oneImage = 1.0 / (2 * 16);
        for (int i = 0; i < fast.size(); i++) {
            assertEquals(naive.get(i).accuracy(), fast.get(i).accuracy(), oneImage, fast.get(i).toString());
        }
        OperationStrength none = fast.stream().filter(r -> r.op().equals("none") && r.edge() == 5).findFirst().orElseThrow();
        double[][] p = search.supernet().arch().softmaxSnapshot(CellType.NORMAL);
        assertEquals(p[5][0], none.softmax(), 1e-12);
        assertEquals(30, OperationStrength.table(fast).rowCount());
    }

    @Test
    void operationStrengthAtConvergenceTunesTheRestOfTheSupernetAfterCommittingEachOp() {
        PerturbationEvaluator eval = new PerturbationEvaluator(DATA, ctx.split().heldOut(), 16, 2,
                PerturbationEvaluator.Path.FAST);
        FineTuner tuner = FineTuner.from(search.config()).optLearningRate(0.01).setEpochs(1).build();
        float[] weightsBefore = firstWeight();
        float[] alphaBefore = alpha();
        List<OperationStrength> tuned = OperationStrength.measureAfterTuning(search.supernet(), eval, tuner, DATA,
                ctx.split().train(), null);
        assertEquals(6 * 5, tuned.size());
        assertTrue(tuned.stream().allMatch(r -> r.tuneEpochs() == 1));
        assertArrayEquals(weightsBefore, firstWeight(), "each measurement starts from the trained supernet");
        assertArrayEquals(alphaBefore, alpha());
        assertTrue(OperationStrength.measure(search.supernet(), eval).stream().allMatch(r -> r.tuneEpochs() == 0),
                "the immediate measure is labelled as such");

        // by hand, for one edge and op: commit, tune the supernet, measure
        OperationStrength row = tuned.stream().filter(r -> r.edge() == 3 && r.op().equals("nor_conv_3x3"))
                .findFirst().orElseThrow();
        try (var snapshot = org.dnaslab.supernet.SupernetSnapshot.of(search.supernet())) {
            search.supernet().arch().decisions().commit(CellType.NORMAL, 3, "nor_conv_3x3");
            tuner.tune(search.supernet(), DATA, ctx.split().train(), null);
            double byHand = eval.measure(search.supernet(), CellType.NORMAL, 2, List.of(
                    PerturbationEvaluator.Perturbation.commit(CellType.NORMAL, 3, "nor_conv_3x3"))).accuracies()[0];
            assertEquals(byHand, row.accuracy(), 0.0);
            snapshot.restore();
        }
        assertEquals(List.of("cell", "edge", "edgeName", "op", "softmax", "accuracy", "supernet", "tuneEpochs"),
                OperationStrength.table(tuned).columnNames());
    }

    @Test
    void trackerMeasuresGapEntropyAndShareEveryNEpochsWithoutDisturbingTheSearch() {
        SearchConfig c = SearchConfig.builder().setSpace("nb201").optChannels(4).optCells(1).optInput(1, 8).optClasses(3)
                .optSeed(9).setEpochs(2).optBatchSize(16).optAlphaLr(3e-2).build();
        float[] plain;
        try (DartsSearch s = DartsSearch.builder(c).optProgress(false).build()) {
            s.run(DATA);
            plain = s.supernet().arch().alpha(CellType.NORMAL).toFloatArray();
        }
        SelectionContext any = ctx;
        DiscretizationTracker tracker = new DiscretizationTracker(1, DATA, any.split().val(), 16, 0);
        try (DartsSearch s = DartsSearch.builder(c).addListener(tracker).optProgress(false).build()) {
            tracker.attach(s.supernet());
            s.run(DATA);
            assertArrayEquals(plain, s.supernet().arch().alpha(CellType.NORMAL).toFloatArray(), "tracking is invisible");
            assertEquals(2, tracker.points().size());
            DiscretizationTracker.Point last = tracker.points().get(1);
            assertArrayEquals(s.history().get(1).entropy().get("normal"), last.entropy().get("normal"), 1e-12);
            assertEquals(s.architecture().parameterFreeShare(), last.parameterFreeShare(), 1e-12);
            Table t = tracker.table();
            assertEquals(2, t.rowCount());
            assertEquals(List.of(1, 2), t.intColumn("epoch").asList(), "epochs are counted from 1, as in every chart");
            assertTrue(t.columnNames().contains("H normal 3<-2"));
        }
    }


}
