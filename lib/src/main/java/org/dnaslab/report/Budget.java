package org.dnaslab.report;

import org.dnaslab.data.DataPair;
import org.dnaslab.data.FashionMnist;
import org.dnaslab.evaluate.TrainingProtocol;
import org.dnaslab.search.SearchConfig;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * How much compute a notebook spends: the size of the data, the supernet, the search and the evaluations. Two
 * presets share one code path: {@link #full()} (the default, darts-pt's setting on all of Fashion-MNIST) and
 * {@link #quick()} (tiny data, few epochs, a thin supernet: seconds per figure, for CI and a first look; its numbers
 * are not results). {@link #fromEnvironment()} picks quick when {@code DNASLAB_QUICK=1}.
 *
 * <pre>{@code
 * Budget budget = Budget.fromEnvironment();
 * DataPair data = budget.data();
 * SearchConfig config = budget.searchConfig().optSeed(1).build();
 * }</pre>
 *
 * @param name                "quick", "full", or a name of one's own
 * @param trainImages         training images the search (and fine-tuning) uses, 0 = all
 * @param testImages          held-out test images for measurements, 0 = all
 * @param epochs              search epochs
 * @param channels            supernet channels C
 * @param cells               cells per stage (NB201's N)
 * @param batchSize           images per step
 * @param evalBatches         validation batches per measurement, 0 = the whole split
 * @param seeds               search seeds where a notebook repeats a search
 * @param fineTuneEpochs      fine-tuning epochs of a discretized network (darts-pt: 25 on NB201)
 * @param ptInterval          PT's fine-tuning epochs between two decisions (darts-pt: 5)
 * @param randomArchitectures architectures of the random-sampling baseline
 * @param scratchEpochs       epochs of a training from scratch
 */
public record Budget(String name, int trainImages, int testImages, int epochs, int channels, int cells, int batchSize,
                     int evalBatches, int seeds, int fineTuneEpochs, int ptInterval, int randomArchitectures,
                     int scratchEpochs) {

    /** The environment variable that selects {@link #quick()}: {@code 1}, {@code true} or {@code yes}. */
    public static final String QUICK_ENV = "DNASLAB_QUICK";
    /** The system property that does the same (it wins over the environment). */
    public static final String QUICK_PROPERTY = "dnaslab.quick";

    public Budget {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("budget: a name is required");
        }
        atLeast("trainImages", trainImages, 0);
        atLeast("testImages", testImages, 0);
        atLeast("epochs", epochs, 1);
        atLeast("channels", channels, 1);
        atLeast("cells", cells, 1);
        atLeast("batchSize", batchSize, 2);
        atLeast("evalBatches", evalBatches, 0);
        atLeast("seeds", seeds, 1);
        atLeast("fineTuneEpochs", fineTuneEpochs, 0);
        atLeast("ptInterval", ptInterval, 0);
        atLeast("randomArchitectures", randomArchitectures, 1);
        atLeast("scratchEpochs", scratchEpochs, 1);
        if (trainImages > 0 && trainImages < 2 * batchSize) {
            throw new IllegalArgumentException("budget: " + trainImages + " training images give no full batch of "
                    + batchSize + " to each half of the split");
        }
    }

    private static void atLeast(String field, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException("budget: " + field + " must be >= " + min + ", got " + value);
        }
    }

    /**
     * darts-pt's NB201 setting on all of Fashion-MNIST: C 16, N 5, 50 epochs, batch 64, measurements on whole
     * splits; PT with interval 5 and 25 tuning epochs; 4 search seeds, 8 random architectures, 50 training epochs.
     */
    public static Budget full() {
        return new Budget("full", 0, 0, 50, 16, 5, 64, 0, 4, 25, 5, 8, 50);
    }

    /**
     * Seconds per figure on 2 cores: 256 training and 256 test images, C 4, N 1, 3 epochs, batch 32, 2 validation
     * batches per measurement, 2 seeds, 1 tuning epoch, no tuning between PT decisions, 2 random architectures,
     * 1 training epoch. Enough to see every figure's shape, not to read anything into it.
     */
    public static Budget quick() {
        return new Budget("quick", 256, 256, 3, 4, 1, 32, 2, 2, 1, 0, 2, 1);
    }

    /** {@link #quick()} when {@code -Ddnaslab.quick} or {@code $DNASLAB_QUICK} is 1/true/yes, else {@link #full()}. */
    public static Budget fromEnvironment() {
        return from(System::getProperty, System::getenv);
    }

    /** {@link #fromEnvironment()} with its inputs made explicit (tests). */
    static Budget from(UnaryOperator<String> properties, UnaryOperator<String> env) {
        String v = properties.apply(QUICK_PROPERTY);
        if (v == null || v.isBlank()) {
            v = env.apply(QUICK_ENV);
        }
        return isOn(v) ? quick() : full();
    }

    private static boolean isOn(String v) {
        if (v == null) {
            return false;
        }
        String s = v.trim().toLowerCase(Locale.ROOT);
        return s.equals("1") || s.equals("true") || s.equals("yes");
    }

    public boolean isQuick() {
        return "quick".equals(name);
    }

    /** Fashion-MNIST (Debian's full set, else the committed subset), cut to this budget's image counts. */
    public DataPair data() {
        return limit(FashionMnist.load());
    }

    /** Cuts a data pair to this budget's image counts (0 keeps all). */
    public DataPair limit(DataPair data) {
        int train = trainImages == 0 ? data.train().size() : Math.min(trainImages, data.train().size());
        int test = testImages == 0 ? data.test().size() : Math.min(testImages, data.test().size());
        return data.limit(train, test);
    }

    /**
     * A search configuration of this budget on the NB201 space (seed 0); change anything before {@code build()},
     * e.g. {@code budget.searchConfig().optSplit("redrawn-halves").build()}.
     */
    public SearchConfig.Builder searchConfig() {
        return SearchConfig.builder().setSpace("nb201").optChannels(channels).optCells(cells).setEpochs(epochs)
                .optBatchSize(batchSize).optTrainLimit(trainImages).optEvalBatches(evalBatches).optSeed(0);
    }

    /**
     * The training-from-scratch protocol of this budget: {@link TrainingProtocol#quick()}'s optimiser settings
     * with this budget's epochs, width, depth, batch size and data; no tricks.
     */
    public TrainingProtocol trainingProtocol() {
        return TrainingProtocol.quick().toBuilder().setEpochs(scratchEpochs).setChannels(channels).setCells(cells)
                .setBatchSize(batchSize).optDataLimit(trainImages).build();
    }

    /** A few lines for a notebook's header: data, supernet and search, then measurements and evaluation. */
    public String describe() {
        return name + " budget: " + (trainImages == 0 ? "all" : trainImages) + " training and "
                + (testImages == 0 ? "all" : testImages) + " test images; NB201 supernet C " + channels + ", N "
                + cells + "; " + epochs + " search epochs, batch " + batchSize + "\n  measurements on "
                + (evalBatches == 0 ? "the whole validation split" : evalBatches + " validation batches") + "; "
                + seeds + " seeds; fine-tuning " + fineTuneEpochs + " epochs; PT interval " + ptInterval + "\n  "
                + randomArchitectures + " random architectures; " + scratchEpochs + " training epochs from scratch\n  "
                + (isQuick() ? "(unset DNASLAB_QUICK for the full setting)" : "(DNASLAB_QUICK=1 for a quick look)");
    }

    @Override
    public String toString() {
        return describe();
    }
}
