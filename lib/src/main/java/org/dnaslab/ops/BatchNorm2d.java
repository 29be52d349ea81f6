package org.dnaslab.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;

import java.util.List;

/**
 * Batch normalisation over the channel axis of an NCHW array, with PyTorch's semantics (momentum 0.1, eps 1e-5).
 * Without affine parameters the scale is fixed at 1 and the shift at 0; without running statistics the batch's
 * statistics are used in every mode (the search supernet's setting, as in NAS-Bench-201's searches).
 */
public final class BatchNorm2d {
    private static final float EPS = 1e-5f;
    /** DJL's momentum is the weight of the old running value: 0.9 here is PyTorch's 0.1. */
    private static final float DJL_MOMENTUM = 0.9f;
    /** DJL momentum 1 keeps running statistics unchanged while still normalising with batch statistics. */
    private static final float KEEP_RUNNING = 1.0f;

    private final Parameter gamma;
    private final Parameter beta;
    private final Parameter runningMean;
    private final Parameter runningVar;
    private final boolean tracksRunningStats;
    private final boolean affine;

    public BatchNorm2d(NDManager manager, String name, long channels, boolean affine, boolean trackRunningStats) {
        this.gamma = ParameterInit.constant(manager, name + ".gamma", Parameter.Type.GAMMA, channels, 1f, affine);
        this.beta = ParameterInit.constant(manager, name + ".beta", Parameter.Type.BETA, channels, 0f, affine);
        this.runningMean = ParameterInit.constant(manager, name + ".running_mean", Parameter.Type.RUNNING_MEAN, channels, 0f, false);
        this.runningVar = ParameterInit.constant(manager, name + ".running_var", Parameter.Type.RUNNING_VAR, channels, 1f, false);
        this.tracksRunningStats = trackRunningStats;
        this.affine = affine;
    }

    /**
     * Whether this norm is a pure per-channel standardisation with batch statistics (no scale, no shift, no running
     * statistics). Such norms of several convolutions on the same input can run as one norm over the joined
     * channels with identical results, which is what lets a search cell merge them.
     */
    public boolean isPlain() {
        return !affine && !tracksRunningStats;
    }

    /** A plain norm (see {@link #isPlain}) of every channel of {@code x}. */
    public static NDArray plain(NDArray x) {
        long c = x.getShape().get(1);
        ai.djl.ndarray.NDManager m = x.getManager();
        ai.djl.ndarray.types.Shape s = new ai.djl.ndarray.types.Shape(c);
        return x.getNDArrayInternal().batchNorm(x, m.zeros(s), m.ones(s), m.ones(s), m.zeros(s), -1, KEEP_RUNNING, EPS,
                true).singletonOrThrow();
    }

    public NDArray apply(NDArray x, ForwardMode mode) {
        boolean batchStats = mode.usesBatchStatistics() || !tracksRunningStats;
        float momentum = mode == ForwardMode.TRAIN && tracksRunningStats ? DJL_MOMENTUM : KEEP_RUNNING;
        return x.getNDArrayInternal().batchNorm(x, runningMean.getArray(), runningVar.getArray(), gamma.getArray(),
                beta.getArray(), -1, momentum, EPS, batchStats).singletonOrThrow();
    }

    /** Every parameter and buffer, for registration with the owning block (and so for checkpoints). */
    public List<Parameter> parameters() {
        return List.of(gamma, beta, runningMean, runningVar);
    }
}
