package org.dnaslab.search;

import org.dnaslab.data.DataSplit;
import org.dnaslab.data.ImageDataset;
import org.dnaslab.data.SplitStrategies;

import java.util.Objects;

/**
 * The data a search trained on and how it split them: {@code data} after the search's train limit, and the split of
 * the last epoch it completed (of epoch 0 for a search that has not completed one). What a selector measures and
 * tunes on.
 */
public record SearchData(ImageDataset data, DataSplit split) {
    public SearchData {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(split, "split");
    }

    /**
     * The data and split of a search of {@code config} on {@code limited} (its data after the train limit) that has
     * completed {@code epochsDone} epochs: the split of the last of them, of epoch 0 before the first.
     */
    static SearchData of(SearchConfig config, ImageDataset limited, int epochsDone) {
        int epoch = Math.max(0, epochsDone - 1);
        return new SearchData(limited, SplitStrategies.byName(config.split()).split(limited.size(), epoch,
                config.supernet().seed()));
    }

    /** {@code trainingData} cut to the search's train limit. */
    static ImageDataset limited(SearchConfig config, ImageDataset trainingData) {
        return config.trainLimit() > 0 ? trainingData.limit(config.trainLimit()) : trainingData;
    }

    /** "name (N images)": how a run record names its data, so that a resume on other data is refused. */
    static String describe(ImageDataset d) {
        return d.name() + " (" + d.size() + " images)";
    }

    /** Refuses data whose image shape or class count the supernet of {@code config} does not take. */
    static void checkFits(SearchConfig config, ImageDataset d) {
        var s = config.supernet();
        if (d.channels() != s.inputChannels() || d.height() != s.imageSize() || d.width() != s.imageSize()) {
            throw new IllegalArgumentException("dataset " + d.name() + " has " + d.channels() + "x" + d.height()
                    + "x" + d.width() + " images, the supernet expects " + s.inputChannels() + "x" + s.imageSize()
                    + "x" + s.imageSize());
        }
        if (d.numClasses() != s.classes()) {
            throw new IllegalArgumentException("dataset " + d.name() + " has " + d.numClasses()
                    + " classes, the supernet expects " + s.classes());
        }
    }
}
