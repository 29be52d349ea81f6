package org.dnaslab.select;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import org.dnaslab.data.DataPair;
import org.dnaslab.data.FashionMnist;
import org.dnaslab.data.ImageDataset;
import org.dnaslab.evaluate.Comparison;
import org.dnaslab.evaluate.DiscretizationReport;
import org.dnaslab.regularize.EntropyPenalty;
import org.dnaslab.regularize.Schedule;
import org.dnaslab.search.DartsSearch;
import org.dnaslab.search.SearchConfig;
import org.dnaslab.search.SupernetEvaluator;
import org.dnaslab.space.CellType;
import org.dnaslab.space.SearchSpace;
import org.dnaslab.supernet.Supernet;
import org.dnaslab.supernet.SupernetConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * A short real run on Fashion-MNIST in the NB201 space (not a unit test): DARTS with and without the entropy
 * penalty, magnitude and PT on the same supernet, fine-tuning, and PT's fast/naive speed-up.
 * Argument "plain" (DARTS: magnitude, PT, speed-up), "entropy" (DARTS + entropy penalty: magnitude) or both
 * (default). Prints its tables.
 */
public final class FashionMnistDiscretizationRun {
    static final int TRAIN = 2000;
    static final int TEST = 2000;
    static final int EPOCHS = 5;

    private FashionMnistDiscretizationRun() {
    }

    public static void main(String[] args) {
        DataPair data = FashionMnist.load();
        ImageDataset train = data.train().limit(TRAIN);
        ImageDataset test = data.test().limit(TEST);
        System.out.println("data: " + train + " / held out " + test);
        SupernetEvaluator heldOut = new SupernetEvaluator(test, indices(TEST), 64, 0);

        List<DiscretizationReport> rows = new ArrayList<>();
        String mode = args.length > 0 ? args[0] : "both";
        for (boolean entropy : new boolean[] {false, true}) {
            if (mode.equals("speedup") || (entropy ? mode.equals("plain") : mode.equals("entropy"))) {
                continue;
            }
            SearchConfig config = SearchConfig.builder().setSpace("nb201").optChannels(8).optCells(1).optInput(1, 28)
                    .optClasses(10).optSeed(0).setEpochs(EPOCHS).optBatchSize(64).optAlphaLr(3e-3).build();
            EntropyPenalty penalty = entropy ? new EntropyPenalty(Schedule.linearRamp(0, 1.0)) : null;
            System.out.println("search config: " + config + (entropy ? " + " + penalty : ""));
            try (DartsSearch search = DartsSearch.builder(config).optLossTerm(penalty).optProgress(false).build()) {
                long t0 = System.nanoTime();
                search.run(train);
                System.out.printf("search %.1f s; supernet val acc per epoch %s%n", (System.nanoTime() - t0) / 1e9,
                        search.history().stream().map(e -> String.format("%.3f", e.valAcc())).toList());
                System.out.println("mean entropy per edge after search: "
                        + java.util.Arrays.stream(search.supernet().arch().entropy(CellType.NORMAL)).average().orElseThrow());
                SelectionContext ctx = SelectionContext.of(search, train);
                FineTuner tuner = FineTuner.from(config).optLearningRate(config.weightLr() / 10).setEpochs(1).build();
                Comparison cmp = Comparison.on(heldOut, tuner);
                String tag = entropy ? "+entropy" : "";
                rows.add(cmp.run("magnitude" + tag, ctx, new MagnitudeSelector()));
                if (!entropy) {
                    rows.add(cmp.run("pt" + tag, ctx, PerturbationSelector.builder().optInterval(1).optProgress(false)
                            .build()));
                    System.out.println(cmp.selections().get(1).decisionTable().printAll());
                    speedUp(search.supernet(), ctx, 4);
                }
            }
        }
        if (!rows.isEmpty()) {
            System.out.println(DiscretizationReport.table(rows).printAll());
        }
        if (mode.equals("entropy")) {
            return;
        }
        try (NDManager m = NDManager.newBaseManager();
             Supernet big = Supernet.create(m, SupernetConfig.builder().setSpace("nb201").optChannels(16).optCells(2)
                     .optInput(1, 28).optClasses(10).optSeed(1).build())) {
            SearchConfig c = SearchConfig.builder().setSpace("nb201").optChannels(16).optCells(2).optInput(1, 28)
                    .optClasses(10).setEpochs(1).build();
            ImageDataset d = train.limit(1024);
            var split = org.dnaslab.data.SplitStrategies.fixedHalves().split(d.size(), 0, 0);
            speedUp(big, new SelectionContext(big, d, split, c), 4);
        }
    }

    /** Times one op measurement per edge (all five ops masked in turn) on both paths, on the same batches. */
    static void speedUp(Supernet net, SelectionContext ctx, int batches) {
        SearchSpace space = net.space();
        double[] seconds = new double[2];
        int p = 0;
        for (PerturbationEvaluator.Path path : List.of(PerturbationEvaluator.Path.NAIVE, PerturbationEvaluator.Path.FAST)) {
            PerturbationEvaluator ev = new PerturbationEvaluator(ctx.data(), ctx.split().val(), ctx.batchSize(), batches,
                    path);
            // warm-up
            ev.measure(net, CellType.NORMAL, 1, List.of(PerturbationEvaluator.Perturbation.mask(CellType.NORMAL, 0,
                    "skip_connect")));
            long t0 = System.nanoTime();
            StringBuilder acc = new StringBuilder();
            for (int e = 0; e < space.edges().size(); e++) {
                List<PerturbationEvaluator.Perturbation> trials = new ArrayList<>();
                for (String op : space.ops()) {
                    trials.add(PerturbationEvaluator.Perturbation.mask(CellType.NORMAL, e, op));
                }
                try (NDScope s = new NDScope()) {
                    acc.append(java.util.Arrays.toString(ev.measure(net, CellType.NORMAL, space.edges().get(e).to(),
                            trials).accuracies()));
                }
            }
            seconds[p++] = (System.nanoTime() - t0) / 1e9;
            System.out.println(path + " accuracies: " + acc);
        }
        System.out.printf("PT measurement speed-up on %s (%d val batches of %d, 6 edges x 5 masks): naive %.2f s,"
                + " fast %.2f s, x%.2f%n", net, batches, ctx.batchSize(), seconds[0], seconds[1], seconds[0] / seconds[1]);
    }

    private static int[] indices(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

}
