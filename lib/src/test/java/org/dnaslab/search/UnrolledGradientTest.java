package org.dnaslab.search;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import org.dnaslab.data.ImageDataset;
import org.dnaslab.space.CellType;
import org.dnaslab.supernet.Supernet;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class UnrolledGradientTest {

    /**
     * The crash of issue 11: the unrolled gradient used to hand α's gradient a Java buffer (DJL's set(Buffer)) that
     * only a temporary handle kept alive, so the next zeroing and accumulation wrote into freed memory. Written in
     * place, the gradient keeps its storage: a view taken before a second computation sees its result.
     */
    @Test
    void alphaGradientIsWrittenIntoItsOwnStorage() {
        ImageDataset data = TinySecondOrder.data();
        SearchConfig config = TinySecondOrder.config();
        int[] order = IntStream.range(0, data.size()).toArray();
        try (NDManager manager = NDManager.newBaseManager();
             Supernet net = Supernet.create(manager, config.supernet());
             SgdMomentum sgd = new SgdMomentum(net.weights(), 0.9f, 3e-4f);
             NDScope scope = new NDScope()) {
            NDArray alpha = net.arch().alpha(CellType.NORMAL);
            Batch train = Batch.load(manager, data, order, 0, 16);
            Batch val = Batch.load(manager, data, order, 32, 16);
            UnrolledGradient unrolled = new UnrolledGradient(net, sgd, config, null, 0);
            unrolled.compute(train, val, 0.025f);
            ByteBuffer storage = Gradients.of(alpha).toByteBuffer(true);
            unrolled.compute(Batch.load(manager, data, order, 16, 16), Batch.load(manager, data, order, 48, 16), 0.025f);
            float[] seen = new float[(int) alpha.size()];
            storage.asFloatBuffer().get(seen);
            assertArrayEquals(Gradients.of(alpha).toFloatArray(), seen, 0f);
        }
    }
}
