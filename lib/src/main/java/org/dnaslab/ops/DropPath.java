package org.dnaslab.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * Drop-path (stochastic depth on a cell's paths), as DARTS trains its evaluation networks: each sample's path
 * output is kept with probability 1 − p and then scaled by 1/(1 − p), or zeroed, so its expectation is unchanged.
 * Call it only in training (DARTS drops the outputs of non-identity ops); at inference it is the identity.
 * The keep/drop draws come from the Java random source, one per sample in batch order, so a run repeats exactly.
 */
public final class DropPath {
    private DropPath() {
    }

    /**
     * @param x   a batch whose first axis is the sample
     * @param p   drop probability in [0, 1); 0 returns {@code x} itself
     * @param rng the run's random source
     * @return a new array (gradients flow through it), attached to {@code x}'s manager
     */
    public static NDArray apply(NDArray x, double p, SplittableRandom rng) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("drop-path probability must be in [0, 1), got " + p);
        }
        if (p == 0) {
            return x;
        }
        Shape s = x.getShape();
        if (s.dimension() < 1) {
            throw new IllegalArgumentException("drop-path needs a batch axis, got a scalar");
        }
        int n = Math.toIntExact(s.get(0));
        float keep = (float) (1 - p);
        float[] mask = new float[n];
        for (int i = 0; i < n; i++) {
            mask[i] = rng.nextDouble() < keep ? 1f / keep : 0f;
        }
        long[] maskShape = new long[s.dimension()];
        java.util.Arrays.fill(maskShape, 1);
        maskShape[0] = n;
        // Autograd keeps the mask for the backward pass after our handle is closed, so PyTorch must own its memory.
        NDArray m = OwnedArrays.of(x.getManager(), mask, new Shape(maskShape));
        try {
            if (m.getDataType() != x.getDataType()) {
                NDArray typed = m.toType(x.getDataType(), false);
                m.close();
                m = typed;
            }
            return x.mul(m);
        } finally {
            m.close();
        }
    }
}
