package org.dnaslab.cli;

import org.dnaslab.data.DataPair;
import org.dnaslab.data.FashionMnist;
import org.dnaslab.data.ImageDataset;
import org.dnaslab.progress.ProgressReporters;
import org.dnaslab.search.DartsSearch;
import org.dnaslab.search.EpochMetrics;
import org.dnaslab.search.SearchConfig;
import org.dnaslab.search.SearchListener;
import org.dnaslab.search.SearchResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code ./lab search}: a DARTS search on an idx dataset, one progress line per epoch, a run record on disk. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Run a first-order (or second-order) DARTS search and write run.json and checkpoint.bin.")
public final class SearchCommand implements Callable<Integer> {
    @Option(names = "--space", defaultValue = "nb201", description = "nb201, darts, s1..s4 (default ${DEFAULT-VALUE})")
    String space;
    @Option(names = "--epochs", defaultValue = "50", description = "search epochs (default ${DEFAULT-VALUE})")
    int epochs;
    @Option(names = "--limit", defaultValue = "0", description = "use only the first N training images (0 = all)")
    int limit;
    @Option(names = "--cells", description = "cells per stage (NB201, default 5) or layers (DARTS, default 8)")
    Integer cells;
    @Option(names = "--channels", defaultValue = "16", description = "initial channels C (default ${DEFAULT-VALUE})")
    int channels;
    @Option(names = "--batch", defaultValue = "64", description = "batch size (default ${DEFAULT-VALUE})")
    int batch;
    @Option(names = "--seed", defaultValue = "0", description = "seed (default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--second-order", description = "unrolled architecture gradient")
    boolean secondOrder;
    @Option(names = "--split", defaultValue = "fixed-halves", description = "fixed-halves or redrawn-halves")
    String split;
    @Option(names = "--eval-batches", defaultValue = "0", description = "validation batches per epoch (0 = all)")
    int evalBatches;
    @Option(names = "--data", description = "directory of idx files (default: $DNASLAB_DATA, Debian's Fashion-MNIST, or the bundled subset)")
    Path data;
    @Option(names = "--runs", defaultValue = "runs", description = "parent directory of run directories (default ${DEFAULT-VALUE})")
    Path runs;
    @Option(names = "--resume", description = "continue the run saved in this directory")
    Path resume;

    @Override
    public Integer call() {
        DataPair pair = data == null ? FashionMnist.load() : FashionMnist.load(data);
        ImageDataset train = pair.train();
        // The terminal gets one line per epoch from the listener below, not a progress line per step.
        ProgressReporters.setCurrent(ProgressReporters.silent());
        SearchListener printer = new SearchListener() {
            @Override
            public void onEpoch(EpochMetrics m) {
                System.out.printf(Locale.ROOT,
                        "epoch %d: train loss %.4f acc %.4f | val loss %.4f acc %.4f | lr %.4f | %.1fs | %s%n",
                        m.epoch() + 1, m.trainLoss(), m.trainAcc(), m.valLoss(), m.valAcc(), m.lr(), m.seconds(),
                        m.architecture().toText());
            }
        };
        DartsSearch search;
        Path dir;
        if (resume != null) {
            dir = resume;
            search = DartsSearch.resume(dir, b -> b.addListener(printer));
            System.out.println("resuming " + dir + " at epoch " + (search.epochsDone() + 1));
        } else {
            SearchConfig.Builder b = SearchConfig.builder().setSpace(space).setEpochs(epochs).optChannels(channels)
                    .optBatchSize(batch).optSeed(seed).optSecondOrder(secondOrder).optTrainLimit(limit).optSplit(split)
                    .optEvalBatches(evalBatches).optInput(train.channels(), train.height()).optClasses(train.numClasses());
            if (cells != null) {
                b.optCells(cells);
            }
            SearchConfig config = b.build();
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            dir = runs.resolve(space + "-seed" + seed + "-" + stamp);
            search = DartsSearch.builder(config).optRunDirectory(dir).addListener(printer).build();
            System.out.printf(Locale.ROOT, "search %s on %s (%d training images), %s -> %s%n", space, train.name(),
                    limit > 0 ? Math.min(limit, train.size()) : train.size(), search.supernet(), dir);
        }
        try (search) {
            SearchResult r = search.run(train);
            System.out.printf(Locale.ROOT, "%s after %d epochs in %.1fs: %s%nrun record: %s%n", r.status(), r.epochsDone(),
                    r.seconds(), r.architecture().toText(), dir.resolve("run.json"));
        }
        return 0;
    }
}
