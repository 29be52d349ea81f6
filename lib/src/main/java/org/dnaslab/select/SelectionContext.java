package org.dnaslab.select;

import org.dnaslab.data.DataSplit;
import org.dnaslab.data.ImageDataset;
import org.dnaslab.data.SplitStrategies;
import org.dnaslab.search.DartsSearch;
import org.dnaslab.search.SearchConfig;
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

    /** The context of a finished (or stopped) search, with the split of its last epoch. */
    public static SelectionContext of(DartsSearch search, ImageDataset trainingData) {
        SearchConfig c = search.config();
        ImageDataset data = c.trainLimit() > 0 ? trainingData.limit(c.trainLimit()) : trainingData;
        int epoch = Math.max(0, search.epochsDone() - 1);
        DataSplit split = SplitStrategies.byName(c.split()).split(data.size(), epoch, c.supernet().seed());
        return new SelectionContext(search.supernet(), data, split, c);
    }

    /** The search's seed (its supernet config's). */
    public long seed() {
        return config.supernet().seed();
    }

    /** The search's batch size. */
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
