package org.dnaslab.search;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

import java.util.List;
import org.dnaslab.ops.Scalars;

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

    /**
     * Scales all gradients so that their global L2 norm is at most {@code maxNorm}; returns the norm before. Runs
     * with autograd recording off, wherever it is called from.
     */
    public static double clipNorm(List<NDArray> params, double maxNorm) {
        try (NoGrad off = noGrad()) {
            return clip(params, maxNorm);
        }
    }

    private static double clip(List<NDArray> params, double maxNorm) {
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
                    Scalars.muli(g, scale);
                }
            }
        }
        return norm;
    }

    /** Runs code with autograd recording off (evaluation, in-place parameter updates). */
    public static NoGrad noGrad() {
        boolean was = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        return () -> JniUtils.setGradMode(was);
    }

    /** Restores the previous autograd mode on close; closing throws nothing. */
    @FunctionalInterface
    public interface NoGrad extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * A backward pass that fills the gradients of {@code targets} only: their old gradients are zeroed (PyTorch
     * accumulates), {@code frozen} stops tracking so no gradient is computed for it, and both come back on close.
     * Use as {@code try (Pass pass = Gradients.towards(alpha, weights)) { pass.backward(loss); }}.
     */
    public static Pass towards(List<NDArray> targets, List<NDArray> frozen) {
        return open(targets, frozen, false);
    }

    /**
     * As {@link #towards}, and the pass owns the arrays made while it is open: {@link Pass#backward(NDArray,
     * NDArray...)} closes every one of them except the loss and the arrays it is told to keep, before the backward
     * pass runs. Closing a handle frees nothing autograd still needs (the graph holds its own references), so an
     * activation the backward pass does not read is freed at once and one it reads is freed as soon as it has been
     * used; with the handles open, every activation of the forward pass would stay until the step's scope closes,
     * under all the gradients of the backward pass. Arrays made from Java buffers must not be made inside such a
     * pass (see {@link org.dnaslab.ops.OwnedArrays}).
     */
    public static Pass towardsReleasing(List<NDArray> targets, List<NDArray> frozen) {
        return open(targets, frozen, true);
    }

    private static Pass open(List<NDArray> targets, List<NDArray> frozen, boolean releasing) {
        zero(targets);
        track(frozen, false);
        return new Pass(frozen, releasing);
    }

    /**
     * See {@link #towards}. Records the graph and runs the backward pass through libtorch directly, not through
     * DJL's {@code GradientCollector}: that one allows a single collector per JVM (a static flag), while libtorch's
     * grad mode is per thread, so trainings on separate threads (Spark tasks in one executor) can run side by side.
     */
    public static final class Pass implements AutoCloseable {
        private final List<NDArray> frozen;
        private final boolean gradModeBefore;
        /** The arrays made in a releasing pass until its backward; null otherwise, and once released. */
        private NDScope made;

        private Pass(List<NDArray> frozen, boolean releasing) {
            this.frozen = frozen;
            this.gradModeBefore = JniUtils.isGradMode();
            JniUtils.setGradMode(true);
            this.made = releasing ? new NDScope() : null;
        }

        /**
         * Back-propagates {@code loss}. In a pass from {@link #towardsReleasing} every array made in the pass except
         * {@code loss} and {@code kept} is closed first; those two move to the enclosing scope.
         */
        public void backward(NDArray loss, NDArray... kept) {
            release(loss, kept);
            try (NDArray seed = loss.getManager().ones(loss.getShape(), loss.getDataType())) {
                JniUtils.backward((PtNDArray) loss, (PtNDArray) seed, false, false);
            }
        }

        private void release(NDArray loss, NDArray... kept) {
            if (made == null) {
                return;
            }
            NDScope.unregister(loss);
            NDScope.unregister(kept);
            made.close();
            made = null;
            NDScope.register(loss);
            for (NDArray k : kept) {
                NDScope.register(k);
            }
        }

        @Override
        public void close() {
            try {
                if (made != null) {
                    made.close();
                    made = null;
                }
                JniUtils.setGradMode(gradModeBefore);
            } finally {
                track(frozen, true);
            }
        }
    }
}
