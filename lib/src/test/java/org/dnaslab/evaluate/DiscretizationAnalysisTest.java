package org.dnaslab.evaluate;

import org.dnaslab.data.ImageDataset;
import org.dnaslab.data.SyntheticData;
import org.dnaslab.search.DartsSearch;
import org.dnaslab.search.SearchConfig;
import org.dnaslab.select.Discretization;
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
        Discretization.apply(search.supernet().arch().decisions(), a);
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
        Comparison cmp = new Comparison(null, FineTuner.from(ctx.config()).setEpochs(1).build());
        DiscretizationReport pt = cmp.run(ctx, PerturbationSelector.builder().optInterval(1).optEvalBatches(2)
                .optProgress(false).build());
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
            assertEquals(Discretization.parameterFreeShare(s.architecture()), last.parameterFreeShare(), 1e-12);
            Table t = tracker.table();
            assertEquals(2, t.rowCount());
            assertTrue(t.columnNames().contains("H normal 3<-2"));
        }
    }


}
