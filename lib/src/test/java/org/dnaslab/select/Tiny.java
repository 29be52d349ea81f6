package org.dnaslab.select;

import org.dnaslab.data.ImageDataset;
import org.dnaslab.data.SyntheticData;
import org.dnaslab.search.DartsSearch;
import org.dnaslab.search.SearchConfig;

import java.util.SplittableRandom;

/** Tiny supernets and data for selector tests: 8x8 grey gratings in 3 classes, C=4, one cell per stage. */
final class Tiny {
    static final ImageDataset DATA = SyntheticData.gratings("tiny", 192, 3, 1, 8, 8, new SplittableRandom(11));

    private Tiny() {
    }

    static SearchConfig.Builder nb201(long seed, int epochs) {
        return SearchConfig.builder().setSpace("nb201").optChannels(4).optCells(1).optInput(1, 8).optClasses(3)
                .optSeed(seed).setEpochs(epochs).optBatchSize(16).optAlphaLr(3e-2).optWeightLr(0.1, 0.01);
    }

    static SearchConfig.Builder darts(long seed, int epochs) {
        return SearchConfig.builder().setSpace("darts").optChannels(4).optCells(3).optInput(1, 8).optClasses(3)
                .optSeed(seed).setEpochs(epochs).optBatchSize(16).optAlphaLr(3e-2).optWeightLr(0.1, 0.01);
    }

    static DartsSearch search(SearchConfig config) {
        DartsSearch s = DartsSearch.builder(config).optProgress(false).build();
        s.run(DATA);
        return s;
    }
}
