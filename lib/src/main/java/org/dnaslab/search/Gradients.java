package org.dnaslab.search;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

import java.util.List;

/**
 * Gradient bookkeeping the PyTorch engine leaves to us. PyTorch accumulates gradients, so every backward pass is
 * preceded by {@link #zero}; a parameter whose gradient was never defined (an op that was not computed) reads as
 * null and is skipped by the optimizers, as PyTorch's skip parameters whose grad is None.
 */
public final class Gradients {
    private Gradients() {
    }

    /** The gradient of {@code param}, or null when no backward pass reached it. Attached to the current scope. */
    public static NDArray of(NDArray param) {
        return JniUtils.getGradient((PtNDArray) param);
    }

    public static void zero(List<NDArray> params) {
        for (NDArray p : params) {
            JniUtils.zeroGrad((PtNDArray) p);
        }
    }

    /** Turns gradient tracking of leaf parameters on or off (α steps need no weight gradients). */
    public static void track(List<NDArray> params, boolean on) {
        for (NDArray p : params) {
            p.setRequiresGradient(on);
        }
    }

    /** Scales all gradients so that their global L2 norm is at most {@code maxNorm}; returns the norm before. */
    public static double clipNorm(List<NDArray> params, double maxNorm) {
        double sq = 0;
        for (NDArray p : params) {
            NDArray g = of(p);
            if (g != null) {
                float n = g.norm().getFloat();
                sq += (double) n * n;
            }
        }
        double norm = Math.sqrt(sq);
        if (norm > maxNorm) {
            float scale = (float) (maxNorm / (norm + 1e-6));
            for (NDArray p : params) {
                NDArray g = of(p);
                if (g != null) {
                    g.muli(scale);
                }
            }
        }
        return norm;
    }

    /** Runs code with autograd recording off (evaluation, in-place parameter updates). */
    public static AutoCloseable noGrad() {
        boolean was = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        return () -> JniUtils.setGradMode(was);
    }
}
