package org.dnaslab.evaluate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dnaslab.data.DataPair;
import org.dnaslab.data.FashionMnist;
import org.dnaslab.search.SearchConfig;
import org.dnaslab.space.SearchSpace;

/**
 * The quick honest evaluation of issue 5 on Fashion-MNIST: k architectures sampled uniformly from NB201 and the
 * magnitude-selected architectures of n first-order DARTS searches (NB201 space), all trained from scratch under
 * one quick protocol, and DARTS' relative improvement over random sampling with its spread. Every finished
 * training and search is a record in the result store, so a rerun (same arguments) skips what is done and a killed
 * run loses only the job in flight. It prints the settings, each number and a summary, and writes the summary to
 * {@code summary.txt} in the store.
 *
 * <pre>
 * java -Dai.djl.pytorch.num_threads=1 -cp ... org.dnaslab.evaluate.QuickHonestRun [store-dir] [key=value ...]
 * </pre>
 * On a machine whose cores are busy with other work, one PyTorch thread is much faster than two (measured 5 to 10
 * times on a shared 2-core machine: the second thread spins waiting for a core).
 * Keys (defaults in brackets): {@code random} [4], {@code seeds} [2], {@code channels} [8], {@code cells} [1],
 * {@code epochs} [4], {@code train} [2000] training images, {@code test} [2000] test images, {@code searchEpochs}
 * [8], {@code searchImages} [1600] (halved into weight and architecture steps), {@code samplingSeed} [0],
 * {@code protocolSeed} [0]. The store defaults to {@code runs/quick-honest}.
 *
 * <p>The numbers of so short a protocol rank architectures roughly at best; they show that the pipeline is honest
 * (same protocol, several seeds, a baseline), not what DARTS achieves.
 */
public final class QuickHonestRun {
    private QuickHonestRun() {
    }

    /** The run's settings, from {@code key=value} arguments. */
    record Settings(Path store, int random, int seeds, int channels, int cells, int epochs, int train, int test,
                    int searchEpochs, int searchImages, long samplingSeed, long protocolSeed) {

        static Settings parse(String[] args) {
            Path store = Path.of("runs/quick-honest");
            java.util.Map<String, Long> v = new java.util.LinkedHashMap<>();
            v.put("random", 4L);
            v.put("seeds", 2L);
            v.put("channels", 8L);
            v.put("cells", 1L);
            v.put("epochs", 4L);
            v.put("train", 2000L);
            v.put("test", 2000L);
            v.put("searchEpochs", 8L);
            v.put("searchImages", 1600L);
            v.put("samplingSeed", 0L);
            v.put("protocolSeed", 0L);
            for (String a : args) {
                int eq = a.indexOf('=');
                if (eq < 0) {
                    store = Path.of(a);
                } else if (v.containsKey(a.substring(0, eq))) {
                    v.put(a.substring(0, eq), Long.parseLong(a.substring(eq + 1)));
                } else {
                    throw new IllegalArgumentException("unknown setting '" + a.substring(0, eq) + "'; known: " + v.keySet());
                }
            }
            return new Settings(store, v.get("random").intValue(), v.get("seeds").intValue(),
                    v.get("channels").intValue(), v.get("cells").intValue(), v.get("epochs").intValue(),
                    v.get("train").intValue(), v.get("test").intValue(), v.get("searchEpochs").intValue(),
                    v.get("searchImages").intValue(), v.get("samplingSeed"), v.get("protocolSeed"));
        }

        /** One protocol for every retraining: quick()'s optimiser, these sizes, no tricks. */
        TrainingProtocol protocol() {
            return TrainingProtocol.quick().toBuilder().setEpochs(epochs).setChannels(channels).setCells(cells)
                    .optDataLimit(train).optSeed(protocolSeed).build();
        }

        SearchConfig search() {
            return SearchConfig.builder().setSpace("nb201").optChannels(channels).optCells(cells).optInput(1, 28)
                    .optClasses(10).setEpochs(searchEpochs).optBatchSize(64).optTrainLimit(searchImages).build();
        }
    }

    public static void main(String[] args) {
        Settings s = Settings.parse(args);
        long started = System.nanoTime();
        List<String> out = new ArrayList<>();
        DataPair full = FashionMnist.load();
        DataPair data = new DataPair(full.train(), full.test().limit(s.test()));
        TrainingProtocol protocol = s.protocol();
        SearchConfig search = s.search();
        ResultStore store = ResultStore.open(s.store());
        ScratchTrainer trainer = new ScratchTrainer(data);
        say(out, "data: " + full.train().name() + " (" + full.train().size() + " training images, first "
                + protocol.dataLimit() + " used), test " + data.test().size() + " of " + full.test().size());
        say(out, "protocol (every training): " + protocol.describe() + " [fingerprint " + protocol.fingerprint() + "]");
        say(out, "DARTS: nb201, first order, C " + s.channels() + ", N " + s.cells() + ", " + s.searchEpochs()
                + " epochs, batch 64, first " + s.searchImages() + " training images split in halves, seeds 0.."
                + (s.seeds() - 1));
        say(out, "store: " + store.directory() + "; threads: " + System.getProperty("ai.djl.pytorch.num_threads", "default"));

        long t0 = System.nanoTime();
        RandomBaseline.Result random = RandomBaseline.builder().setSpace(SearchSpace.nb201()).setTrainer(trainer)
                .setStore(store).build().run(protocol, s.random(), s.samplingSeed());
        double randomSeconds = (System.nanoTime() - t0) / 1e9;
        say(out, "");
        say(out, "random baseline (sampling seed " + s.samplingSeed() + ", " + random.trainedNow() + " trained now, "
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
                .run("darts-nb201-fo", darts, MultiSeedRunner.seeds(s.seeds()));
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
        try {
            Files.writeString(store.directory().resolve("summary.txt"), String.join("\n", out) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void say(List<String> out, String line) {
        out.add(line);
        System.out.println(line);
    }
}
