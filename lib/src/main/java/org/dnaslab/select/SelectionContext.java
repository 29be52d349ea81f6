package org.dnaslab.select;

import org.dnaslab.data.DataSplit;
import org.dnaslab.data.ImageDataset;
import org.dnaslab.search.DartsSearch;
import org.dnaslab.search.SearchConfig;
import org.dnaslab.search.SearchData;
import org.dnaslab.search.SupernetEvaluator;
import org.dnaslab.supernet.Supernet;

import java.util.Objects;

/**
 * What a selector works with: the trained supernet, the data it was trained on, the split of that data between
 * weight steps ({@code split.train()}), architecture steps ({@code split.val()}) and measurements
 * ({@code split.heldOut()}, images no weight step saw), and the search's settings (batch size, learning rates, seed)
 * for any fine-tuning.
 *
 * @param data the training data as the search saw it (after its train limit)
 */
public record SelectionContext(Supernet supernet, ImageDataset data, DataSplit split, SearchConfig config) {
    /** Requires every part. */
    public SelectionContext {
        Objects.requireNonNull(supernet, "supernet");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(config, "config");
    }

    /**
     * The context of a search that ran in this session: the data and split it trained on ({@link
     * DartsSearch#searchData()}: its data after the train limit, the split of its last completed epoch).
     */
    public static SelectionContext of(DartsSearch search) {
        return of(search, search.searchData());
    }

    /**
     * The context of a search on {@code trainingData}: the search's own data and split when it ran in this session,
     * else (a resumed search, or a search that never ran, such as PT's blank supernet) those it would use on
     * {@code trainingData} ({@link DartsSearch#searchData(ImageDataset)}).
     *
     * @throws IllegalArgumentException when the search ran on other data
     */
    public static SelectionContext of(DartsSearch search, ImageDataset trainingData) {
        return of(search, search.searchData(trainingData));
    }

    private static SelectionContext of(DartsSearch search, SearchData d) {
        return new SelectionContext(search.supernet(), d.data(), d.split(), search.config());
    }

    /** The search's seed (PT's edge order and tuning orders default to it). */
    public long seed() {
        return config.supernet().seed();
    }

    /** The search's batch size, used for every measurement and tuning step. */
    public int batchSize() {
        return config.batchSize();
    }

    /**
     * An evaluator over the split's held-out images ({@code maxBatches} 0 = all of them): the architecture half of
     * a fixed split, the images a re-drawn split sets aside.
     */
    public SupernetEvaluator validation(int maxBatches) {
        return new SupernetEvaluator(data, split.heldOut(), batchSize(), maxBatches);
    }
}
