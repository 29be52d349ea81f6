package org.dnaslab.supernet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.dnaslab.ops.MemoryLayout;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Channels-last activations must compute what row-major NCHW computes: same logits, same gradients. */
class MemoryLayoutTest {

    private static LogitsAndGradients run(String space, int inputChannels, MemoryLayout layout) {
        try (NDManager m = NDManager.newBaseManager()) {
            Supernet net = Supernet.create(m, SupernetConfig.builder().setSpace(space).optChannels(4).optCells(
                    space.equals("darts") ? 3 : 1).optInput(inputChannels, 8).optClasses(3).optSeed(5).build());
            net.setMemoryLayout(layout);
            NDArray x = m.arange(6f * inputChannels * 64).reshape(6, inputChannels, 8, 8).mul(0.37f).sin();
            NDArray y = m.create(new long[] {0, 1, 2, 0, 1, 2});
            return LogitsAndGradients.of(net, x, y);
        }
    }

    @Test
    void channelsLastGivesTheSameLogitsAndGradientsAsContiguous() {
        for (String space : new String[] {"nb201", "darts"}) {
            for (int channels : new int[] {1, 3}) {
                run(space, channels, MemoryLayout.CHANNELS_LAST).assertCloseTo(
                        run(space, channels, MemoryLayout.CONTIGUOUS), space + ", " + channels + " input channel(s)");
            }
        }
    }

    @Test
    void conversionKeepsShapeAndValues() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.arange(2f * 3 * 4 * 5).reshape(2, 3, 4, 5);
            NDArray cl = MemoryLayout.CHANNELS_LAST.apply(x);
            assertEquals(new Shape(2, 3, 4, 5), cl.getShape());
            assertArrayEquals(x.toFloatArray(), cl.toFloatArray());
            assertTrue(MemoryLayout.CONTIGUOUS.apply(x) == x, "contiguous layout must not copy");
            assertThrows(IllegalArgumentException.class, () -> MemoryLayout.CHANNELS_LAST.apply(m.zeros(new Shape(2, 3))));
        }
    }

    @Test
    void badPropertyValueNamesThePropertyAndTheChoices() {
        String old = System.getProperty("dnaslab.memoryLayout");
        System.setProperty("dnaslab.memoryLayout", "nhwc");
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, MemoryLayout::fromSystemProperty);
            assertTrue(e.getMessage().contains("dnaslab.memoryLayout") && e.getMessage().contains("channels_last")
                    && e.getMessage().contains("nhwc"), e.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty("dnaslab.memoryLayout");
            } else {
                System.setProperty("dnaslab.memoryLayout", old);
            }
        }
    }
}
