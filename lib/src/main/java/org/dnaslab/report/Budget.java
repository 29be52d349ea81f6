package org.dnaslab.report;

import org.dnaslab.data.DataPair;
import org.dnaslab.data.FashionMnist;
import org.dnaslab.evaluate.TrainingProtocol;
import org.dnaslab.search.SearchConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * How much compute a notebook spends: the size of the data, the supernet, the search and the evaluations. Three
 * named budgets share one code path:
 * <ul>
 *   <li>{@link #quick()}: tiny data, few epochs, a thin supernet; seconds per figure, for CI and a first look. Its
 *       numbers are not results.</li>
 *   <li>{@link #laptop()}: the default; minutes per notebook on 2 CPU cores, sized so that the papers' effects can
 *       stand out from seed noise.</li>
 *   <li>{@link #paper()}: darts-pt's NB201 setting (100 search epochs, C 16, N 5) on all of Fashion-MNIST; hours to
 *       days on a laptop CPU.</li>
 * </ul>
 * {@link #fromEnvironment()} reads {@code DNASLAB_BUDGET} ({@code quick}, {@code laptop} or {@code paper});
 * {@code DNASLAB_QUICK=1} stays as an alias for {@code quick}. One knob changes without touching the others:
 *
 * <pre>{@code
 * Budget budget = Budget.fromEnvironment();
 * Budget more = Budget.laptop().toBuilder().seeds(5).build();
 * DataPair data = budget.data();
 * SearchConfig config = budget.searchConfig().optSeed(1).build();
 * }</pre>
 *
 * @param name                "quick", "laptop", "paper", or a name of one's own
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

    /** The environment variable that names the budget: {@code quick}, {@code laptop} or {@code paper}. */
    public static final String BUDGET_ENV = "DNASLAB_BUDGET";
    /** The system property that does the same (it wins over the environment). */
    public static final String BUDGET_PROPERTY = "dnaslab.budget";
    /** The older switch, an alias of {@code DNASLAB_BUDGET=quick}: {@code 1}, {@code true} or {@code yes}. */
    public static final String QUICK_ENV = "DNASLAB_QUICK";
    /** The system property that does the same as {@link #QUICK_ENV}. */
    public static final String QUICK_PROPERTY = "dnaslab.quick";
    /** The names {@link #named(String)} knows. */
    public static final List<String> NAMES = List.of("quick", "laptop", "paper");

    /** Checks every knob's range; a violation names the knob and the value. */
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
     * darts-pt's NB201 setting on all of Fashion-MNIST: C 16, N 5, 100 search epochs, batch 64, measurements on
     * whole splits; PT with 5 tuning epochs between decisions and 25 tuning epochs of a discretized network; 4 search
     * seeds, 8 random architectures, 50 training epochs from scratch.
     */
    public static Budget paper() {
        return new Budget("paper", 0, 0, 100, 16, 5, 64, 0, 4, 25, 5, 8, 50);
    }

    /**
     * The default: minutes per notebook on 2 CPU cores. 6,000 training and 2,000 test images, C 8, N 1, 8 search
     * epochs, batch 64, measurements on whole splits; 3 seeds; 2 tuning epochs of a discretized network and 1 between
     * PT decisions; 6 random architectures; 3 training epochs from scratch.
     */
    public static Budget laptop() {
        return new Budget("laptop", 6000, 2000, 8, 8, 1, 64, 0, 3, 2, 1, 6, 3);
    }

    /**
     * Seconds per figure on 2 cores: 256 training and 256 test images, C 4, N 1, 3 epochs, batch 32, 2 validation
     * batches per measurement, 2 seeds, 1 tuning epoch, no tuning between PT decisions, 2 random architectures,
     * 1 training epoch. Enough to see every figure's shape, not to read anything into it.
     */
    public static Budget quick() {
        return new Budget("quick", 256, 256, 3, 4, 1, 32, 2, 2, 1, 0, 2, 1);
    }

    /**
     * The former name of {@link #paper()}, which now runs darts-pt's 100 search epochs, not 50.
     *
     * @deprecated use {@link #paper()}
     */
    @Deprecated
    public static Budget full() {
        return paper();
    }

    /**
     * The budget of that name: {@code quick}, {@code laptop} or {@code paper} (case and blanks ignored).
     *
     * @throws IllegalArgumentException naming the value and the names allowed
     */
    public static Budget named(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "quick" -> quick();
            case "laptop" -> laptop();
            case "paper", "full" -> paper();
            default -> throw new IllegalArgumentException("budget: unknown budget '" + name + "'; expected one of "
                    + NAMES);
        };
    }

    /** The environment variable that moves the notebooks' run directories (tests point it at a folder of their own). */
    public static final String RUNS_ENV = "DNASLAB_RUNS";

    /**
     * Where the notebooks keep their run directories and result stores, so that a re-run after a kernel restart
     * continues: {@code $DNASLAB_RUNS} when set, else {@code runs/} in the project's repository (found as
     * {@link FashionMnist#repository()} finds it), else {@code runs/} in the working directory.
     */
    public static Path runs() {
        String env = System.getenv(RUNS_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath().normalize();
        }
        return FashionMnist.repository().map(r -> r.resolve("runs")).orElse(Path.of("runs")).toAbsolutePath()
                .normalize();
    }

    /**
     * The budget the environment asks for: {@code -Ddnaslab.budget} or {@code $DNASLAB_BUDGET} by name, else
     * {@link #quick()} when {@code -Ddnaslab.quick} or {@code $DNASLAB_QUICK} is 1/true/yes, else {@link #laptop()}.
     *
     * @throws IllegalArgumentException for an unknown name, or when DNASLAB_QUICK asks for quick and DNASLAB_BUDGET
     *                                  for another budget
     */
    public static Budget fromEnvironment() {
        return from(System::getProperty, System::getenv);
    }

    /** {@link #fromEnvironment()} with its inputs made explicit (tests). */
    static Budget from(UnaryOperator<String> properties, UnaryOperator<String> env) {
        String named = firstSet(properties.apply(BUDGET_PROPERTY), env.apply(BUDGET_ENV));
        String quickFlag = firstSet(properties.apply(QUICK_PROPERTY), env.apply(QUICK_ENV));
        boolean quick = isOn(quickFlag);
        if (named == null) {
            return quick ? quick() : laptop();
        }
        Budget b = named(named);
        if (quick && !b.isQuick()) {
            throw new IllegalArgumentException("budget: " + QUICK_ENV + "=" + quickFlag.trim() + " asks for the quick "
                    + "budget but " + BUDGET_ENV + "=" + named.trim() + " for another; unset one of them");
        }
        return b;
    }

    private static String firstSet(String property, String env) {
        if (property != null && !property.isBlank()) {
            return property;
        }
        return env == null || env.isBlank() ? null : env;
    }

    private static boolean isOn(String v) {
        if (v == null) {
            return false;
        }
        String s = v.trim().toLowerCase(Locale.ROOT);
        return s.equals("1") || s.equals("true") || s.equals("yes");
    }

    /** A builder that starts from this budget, to change one knob: {@code laptop().toBuilder().seeds(5).build()}. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Whether this is the {@code quick} budget, whose numbers are smoke tests, not results. */
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
                + "(" + BUDGET_ENV + "=quick|laptop|paper picks another budget)";
    }

    @Override
    public String toString() {
        return describe();
    }

    /** Named settings for a {@link Budget}; every value starts from the budget it was made from. */
    public static final class Builder {
        private String name;
        private int trainImages;
        private int testImages;
        private int epochs;
        private int channels;
        private int cells;
        private int batchSize;
        private int evalBatches;
        private int seeds;
        private int fineTuneEpochs;
        private int ptInterval;
        private int randomArchitectures;
        private int scratchEpochs;

        private Builder(Budget b) {
            name = b.name;
            trainImages = b.trainImages;
            testImages = b.testImages;
            epochs = b.epochs;
            channels = b.channels;
            cells = b.cells;
            batchSize = b.batchSize;
            evalBatches = b.evalBatches;
            seeds = b.seeds;
            fineTuneEpochs = b.fineTuneEpochs;
            ptInterval = b.ptInterval;
            randomArchitectures = b.randomArchitectures;
            scratchEpochs = b.scratchEpochs;
        }

        /** Sets {@link Budget#name()}. */
        public Builder name(String value) {
            name = value;
            return this;
        }

        /** Sets {@link Budget#trainImages()} (0 = all). */
        public Builder trainImages(int value) {
            trainImages = value;
            return this;
        }

        /** Sets {@link Budget#testImages()} (0 = all). */
        public Builder testImages(int value) {
            testImages = value;
            return this;
        }

        /** Sets {@link Budget#epochs()}. */
        public Builder epochs(int value) {
            epochs = value;
            return this;
        }

        /** Sets {@link Budget#channels()}. */
        public Builder channels(int value) {
            channels = value;
            return this;
        }

        /** Sets {@link Budget#cells()}. */
        public Builder cells(int value) {
            cells = value;
            return this;
        }

        /** Sets {@link Budget#batchSize()}. */
        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        /** Sets {@link Budget#evalBatches()} (0 = the whole split). */
        public Builder evalBatches(int value) {
            evalBatches = value;
            return this;
        }

        /** Sets {@link Budget#seeds()}. */
        public Builder seeds(int value) {
            seeds = value;
            return this;
        }

        /** Sets {@link Budget#fineTuneEpochs()}. */
        public Builder fineTuneEpochs(int value) {
            fineTuneEpochs = value;
            return this;
        }

        /** Sets {@link Budget#ptInterval()}. */
        public Builder ptInterval(int value) {
            ptInterval = value;
            return this;
        }

        /** Sets {@link Budget#randomArchitectures()}. */
        public Builder randomArchitectures(int value) {
            randomArchitectures = value;
            return this;
        }

        /** Sets {@link Budget#scratchEpochs()}. */
        public Builder scratchEpochs(int value) {
            scratchEpochs = value;
            return this;
        }

        /** The budget; the record's checks apply (a field out of range is named in the error). */
        public Budget build() {
            return new Budget(name, trainImages, testImages, epochs, channels, cells, batchSize, evalBatches, seeds,
                    fineTuneEpochs, ptInterval, randomArchitectures, scratchEpochs);
        }
    }
}
