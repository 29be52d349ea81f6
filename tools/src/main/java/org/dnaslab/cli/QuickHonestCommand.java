package org.dnaslab.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dnaslab.data.DataPair;
import org.dnaslab.data.FashionMnist;
import org.dnaslab.evaluate.DartsSearchMethod;
import org.dnaslab.evaluate.MultiSeedRunner;
import org.dnaslab.evaluate.RandomBaseline;
import org.dnaslab.evaluate.RelativeImprovement;
import org.dnaslab.evaluate.ScratchTrainer;
import org.dnaslab.evaluate.TrainedResult;
import org.dnaslab.evaluate.TrainingProtocol;
import org.dnaslab.store.ResultStore;
import org.dnaslab.search.SearchConfig;
import org.dnaslab.space.SearchSpace;
import org.dnaslab.store.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./lab quick-honest}: the quick honest evaluation of issue 5 on Fashion-MNIST: k architectures sampled
 * uniformly from NB201 and the magnitude-selected architectures of n first-order DARTS searches (NB201 space), all
 * trained from scratch under one quick protocol, and DARTS' relative improvement over random sampling with its
 * spread. Every finished training and search is a record in the result store, so a rerun (same options) skips what
 * is done and a killed run loses only the job in flight. It prints the settings, each number and a summary, and
 * writes the summary to {@code summary.txt} in the store.
 *
 * <p>On a machine whose cores are busy with other work, one PyTorch thread is much faster than two (measured 5 to 10
 * times on a shared 2-core machine: the second thread spins waiting for a core): {@code DNASLAB_THREADS=1}.
 *
 * <p>The numbers of so short a protocol rank architectures roughly at best; they show that the pipeline is honest
 * (same protocol, several seeds, a baseline), not what DARTS achieves.
 */
@Command(name = "quick-honest", mixinStandardHelpOptions = true,
        description = "DARTS (NB201, first order) against random sampling under one quick protocol, resumable.")
public final class QuickHonestCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", defaultValue = "runs/quick-honest",
            description = "the result store directory (default ${DEFAULT-VALUE})")
    Path storeDirectory;
    @Option(names = "--random", defaultValue = "4", description = "random architectures (default ${DEFAULT-VALUE})")
    int randomCount;
    @Option(names = "--seeds", defaultValue = "2", description = "DARTS search seeds 0..n-1 (default ${DEFAULT-VALUE})")
    int seeds;
    @Option(names = "--channels", defaultValue = "8", description = "initial channels C (default ${DEFAULT-VALUE})")
    int channels;
    @Option(names = "--cells", defaultValue = "1", description = "cells per stage (default ${DEFAULT-VALUE})")
    int cells;
    @Option(names = "--epochs", defaultValue = "4", description = "training epochs (default ${DEFAULT-VALUE})")
    int epochs;
    @Option(names = "--train", defaultValue = "2000", description = "training images (default ${DEFAULT-VALUE})")
    int train;
    @Option(names = "--test", defaultValue = "2000", description = "test images (default ${DEFAULT-VALUE})")
    int test;
    @Option(names = "--search-epochs", defaultValue = "8", description = "search epochs (default ${DEFAULT-VALUE})")
    int searchEpochs;
    @Option(names = "--search-images", defaultValue = "1600",
            description = "search images, halved into weight and architecture steps (default ${DEFAULT-VALUE})")
    int searchImages;
    @Option(names = "--sampling-seed", defaultValue = "0", description = "random sampling seed (default ${DEFAULT-VALUE})")
    long samplingSeed;
    @Option(names = "--protocol-seed", defaultValue = "0", description = "training seed (default ${DEFAULT-VALUE})")
    long protocolSeed;

    /** One protocol for every retraining: quick()'s optimiser, these sizes, no tricks. */
    TrainingProtocol protocol() {
        return TrainingProtocol.quick().toBuilder().setEpochs(epochs).setChannels(channels).setCells(cells)
                .optDataLimit(train).optSeed(protocolSeed).build();
    }

    SearchConfig search() {
        return SearchConfig.builder().setSpace("nb201").optChannels(channels).optCells(cells).optInput(1, 28)
                .optClasses(10).setEpochs(searchEpochs).optBatchSize(64).optTrainLimit(searchImages).build();
    }

    @Override
    public Integer call() {
        long started = System.nanoTime();
        List<String> out = new ArrayList<>();
        DataPair full = FashionMnist.load();
        DataPair data = new DataPair(full.train(), full.test().limit(test));
        TrainingProtocol protocol = protocol();
        SearchConfig search = search();
        ResultStore store = ResultStore.open(storeDirectory);
        ScratchTrainer trainer = new ScratchTrainer(data);
        say(out, "data: " + full.train().name() + " (" + full.train().size() + " training images, first "
                + protocol.dataLimit() + " used), test " + data.test().size() + " of " + full.test().size());
        say(out, "protocol (every training): " + protocol.describe() + " [fingerprint " + protocol.fingerprint() + "]");
        say(out, "DARTS: nb201, first order, C " + channels + ", N " + cells + ", " + searchEpochs
                + " epochs, batch 64, first " + searchImages + " training images split in halves, seeds 0.."
                + (seeds - 1));
        say(out, "store: " + store.directory() + "; threads: " + System.getProperty("ai.djl.pytorch.num_threads", "default"));

        long t0 = System.nanoTime();
        RandomBaseline.Result random = RandomBaseline.builder().setSpace(SearchSpace.nb201()).setTrainer(trainer)
                .setStore(store).build().run(protocol, randomCount, samplingSeed);
        double randomSeconds = (System.nanoTime() - t0) / 1e9;
        say(out, "");
        say(out, "random baseline (sampling seed " + samplingSeed + ", " + random.trainedNow() + " trained now, "
                + String.format(Locale.ROOT, "%.0f s", randomSeconds) + "):");
        for (int i = 0; i < random.results().size(); i++) {
            TrainedResult r = random.results().get(i);
            say(out, String.format(Locale.ROOT, "  arch %d  test %.4f  train %.4f  params %.0f  %.0f s  %s", i,
                    r.testAccuracy(), r.trainAccuracy(), r.metrics().get("params"), r.seconds(), r.architecture()));
        }
        say(out, "  mean " + random.stats());

        t0 = System.nanoTime();
        DartsSearchMethod darts = DartsSearchMethod.builder(search, data.train()).build();
        MultiSeedRunner.Result method = MultiSeedRunner.builder().setStore(store).optRetrain(trainer, protocol).build()
                .run("darts-nb201-fo", darts, MultiSeedRunner.seeds(seeds));
        double dartsSeconds = (System.nanoTime() - t0) / 1e9;
        say(out, "");
        say(out, "DARTS (" + method.computedNow() + " records computed now, "
                + String.format(Locale.ROOT, "%.0f s", dartsSeconds) + "):");
        for (MultiSeedRunner.SeedRun r : method.runs()) {
            say(out, String.format(Locale.ROOT, "  seed %d  test %.4f  train %.4f  supernet val %.4f  param-free %.2f"
                            + "  search %.0f s  retrain %.0f s  %s", r.seed(), r.accuracy(), r.retrained().trainAccuracy(),
                    r.search().accuracy(), r.search().metrics().get("paramFreeShare"),
                    r.search().metrics().get("searchSeconds"), r.retrained().seconds(), r.search().architecture()));
        }
        say(out, "  mean " + method.stats());

        RelativeImprovement ri = method.relativeTo(random);
        say(out, "");
        say(out, "DARTS vs random, same protocol: " + ri);
        say(out, String.format(Locale.ROOT, "random accuracy range [%.4f, %.4f]; wall time %.0f s",
                random.stats().min(), random.stats().max(), (System.nanoTime() - started) / 1e9));
        AtomicFiles.writeString(store.directory().resolve("summary.txt"), String.join("\n", out) + "\n");
        return 0;
    }

    private static void say(List<String> out, String line) {
        out.add(line);
        System.out.println(line);
    }
}
