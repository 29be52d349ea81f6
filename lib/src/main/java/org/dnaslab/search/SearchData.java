package org.dnaslab.search;

import org.dnaslab.data.DataSplit;
import org.dnaslab.data.ImageDataset;

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
}
