package org.dnaslab.search;

import java.util.SplittableRandom;
import org.dnaslab.data.ImageDataset;
import org.dnaslab.data.SyntheticData;

/** The tiny second-order search the unrolled-gradient tests share: 64 grating images of 8×8, C 4, one cell. */
final class TinySecondOrder {
    private TinySecondOrder() {
    }

    static ImageDataset data() {
        return SyntheticData.gratings("tiny", 64, 3, 1, 8, 8, new SplittableRandom(3));
    }

    static SearchConfig config() {
        return SearchConfig.builder().setSpace("nb201").optChannels(4).optCells(1).optInput(1, 8)
                .optClasses(3).optSeed(4).setEpochs(1).optBatchSize(16).optSecondOrder(true).build();
    }
}
