package org.dnaslab.ops;

import ai.djl.ndarray.NDManager;

import java.util.SplittableRandom;

/**
 * Builds candidate operations by their search-space names. Search supernets use batch norm without affine
 * parameters (as DARTS and darts-pt do); a network trained from scratch uses affine batch norm.
 */
public final class OpFactory {
    private final NDManager manager;
    private final SplittableRandom rng;
    private final boolean affine;
    private final boolean normAfterPool;

    /**
     * @param affine        affine batch norm inside ops
     * @param normAfterPool a parameter-free batch norm after pooling ops (DARTS search supernet)
     */
    public OpFactory(NDManager manager, SplittableRandom rng, boolean affine, boolean normAfterPool) {
        this.manager = manager;
        this.rng = rng;
        this.affine = affine;
        this.normAfterPool = normAfterPool;
    }

    /** @return the op, or {@code null} for {@code none}, which is never computed. */
    public Op create(String opName, String name, long channels, int stride) {
        return switch (opName) {
            case "none" -> null;
            case "skip_connect" -> stride == 1 ? new Identity()
                    : new FactorizedReduce("skip_connect", manager, rng, name, channels, channels, affine);
            case "nor_conv_1x1" -> new ReluConvBn(opName, manager, rng, name, channels, channels, 1, stride, 0, 1, affine, affine);
            case "nor_conv_3x3" -> new ReluConvBn(opName, manager, rng, name, channels, channels, 3, stride, 1, 1, affine, affine);
            case "avg_pool_3x3", "max_pool_3x3" -> normAfterPool
                    ? Pool.withNorm(manager, name, opName, stride, channels) : Pool.plain(opName, stride);
            case "sep_conv_3x3" -> new SepConv(opName, manager, rng, name, channels, channels, 3, stride, 1, affine);
            case "sep_conv_5x5" -> new SepConv(opName, manager, rng, name, channels, channels, 5, stride, 2, affine);
            case "sep_conv_7x7" -> new SepConv(opName, manager, rng, name, channels, channels, 7, stride, 3, affine);
            case "dil_conv_3x3" -> new DilConv(opName, manager, rng, name, channels, channels, 3, stride, 2, 2, affine);
            case "dil_conv_5x5" -> new DilConv(opName, manager, rng, name, channels, channels, 5, stride, 4, 2, affine);
            case "noise" -> new Noise(stride);
            default -> throw new IllegalArgumentException("unknown operation '" + opName + "'");
        };
    }
}
