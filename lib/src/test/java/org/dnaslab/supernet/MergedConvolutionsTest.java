package org.dnaslab.supernet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.dnaslab.space.CellType;
import org.junit.jupiter.api.Test;

/** The merged-convolution path must compute what the plain one-conv-per-op path computes. */
class MergedConvolutionsTest {

    private static LogitsAndGradients run(boolean merged, boolean mask) {
        try (NDManager m = NDManager.newBaseManager()) {
            Supernet net = Supernet.create(m, SupernetConfig.builder().setSpace("nb201").optChannels(4).optCells(2)
                    .optInput(1, 8).optClasses(3).optSeed(11).build());
            net.setMergedConvolutions(merged);
            if (mask) {
                net.arch().decisions().mask(CellType.NORMAL, 0, "nor_conv_3x3");
                net.arch().decisions().commit(CellType.NORMAL, 3, "nor_conv_1x1");
            }
            NDArray x = m.randomNormal(0, 1, new Shape(6, 1, 8, 8), ai.djl.ndarray.types.DataType.FLOAT32);
            x.set(new ai.djl.ndarray.index.NDIndex("..."), m.arange(6f * 64).reshape(6, 1, 8, 8).sin());
            NDArray y = m.create(new long[] {0, 1, 2, 0, 1, 2});
            return LogitsAndGradients.of(net, x, y);
        }
    }

    @Test
    void mergedAndPlainPathsGiveTheSameLogitsAndGradients() {
        for (boolean mask : new boolean[] {false, true}) {
            run(true, mask).assertCloseTo(run(false, mask), mask ? "masked and committed" : "all ops");
        }
    }
}
