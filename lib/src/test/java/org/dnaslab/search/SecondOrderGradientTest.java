package org.dnaslab.search;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import org.dnaslab.data.ImageDataset;
import org.dnaslab.ops.ForwardMode;
import org.dnaslab.ops.InPlace;
import org.dnaslab.supernet.Supernet;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * DARTS's second-order architecture gradient against its own definition (DESIGN.md section 3; issue 13, item 9):
 * <pre>  g = ∇α L_val(w', α) − ξ·HVP,   w' = w − ξ·(momentum·buf + ∇w L_train(w, α) + wd·w),
 *   HVP = (∇α L_train(w + εv, α) − ∇α L_train(w − εv, α)) / 2ε,   v = ∇w' L_val(w', α),   ε = 0.01 / ‖v‖</pre>
 * on a tiny NB201 supernet. The test rebuilds each part by its own route: the virtual step by hand, the
 * first-order part by a backward pass at that w', and the HVP by central differences in each coordinate of α of
 * φ(α) = (L_train(w + εv, α) − L_train(w − εv, α)) / 2ε, with plain forward passes and no autograd. The library's
 * g must agree within a tenth of the size of its second-order term ξ·HVP, so a wrong sign or scale of the HVP, a
 * missing HVP, a wrong v (taken at w instead of w'), differences around w' instead of w, or a virtual step
 * without momentum or weight decay fail it; the test also checks that the term stands far out of the noise of
 * its own finite differences (h against h/2).
 *
 * <p>Why not central differences of the whole f(α) = L_val(w'(α), α), the derivative that g stands for: with
 * ReLUs, ∇w L_train is a step function of α (a unit whose input crosses zero switches its gradient off), so w'(α)
 * and f jump. Measured here (ξ = 0.025, h = 3e-4 … 1e-1) those differences scatter by ±0.3 around gradients of
 * ±0.05 and never settle, while at ξ = 0 (no jumps) they match autograd to about 1e-3.
 */
class SecondOrderGradientTest {
    /** Four times DARTS's ξ (its w learning rate) so that the second-order term is a large part of g. */
    private static final float XI = 0.1f;
    /**
     * Step of the central differences in α. Measured on this net at weight decay 3e-4 (max |library − reference|
     * against a term of 0.80):
     * h = 1e-2 gives 0.16 (curvature, and ReLU kinks crossed), 1e-3 0.038, 5e-4 0.027, 2.5e-4 0.015, and 1e-4 0.022
     * again, where float32 rounding of the losses takes over.
     */
    private static final float H = 5e-4f;
    private static final float MOMENTUM = 0.9f;
    /** Far above DARTS's 3e-4, so that a virtual step without weight decay moves g by more than the tolerance. */
    private static final float WEIGHT_DECAY = 0.1f;

    @Test
    void unrolledGradientFollowsItsDefinition() {
        ImageDataset data = TinySecondOrder.data();
        SearchConfig config = TinySecondOrder.config();
        int[] order = IntStream.range(0, data.size()).toArray();
        try (NDManager manager = NDManager.newBaseManager();
             Supernet net = Supernet.create(manager, config.supernet());
             SgdMomentum sgd = new SgdMomentum(net.weights(), MOMENTUM, WEIGHT_DECAY);
             NDScope scope = new NDScope()) {
            List<NDArray> w = net.weights();
            List<NDArray> a = net.arch().trainable();
            Batch train = Batch.load(manager, data, order, 0, 16);
            Batch val = Batch.load(manager, data, order, 32, 16);
            // one real w-step first, so that the virtual step has a momentum buffer to use
            Batch earlier = Batch.load(manager, data, order, 16, 16);
            try (Gradients.Pass pass = Gradients.towards(w, a)) {
                pass.backward(Losses.crossEntropy(net.forward(earlier.images(), ForwardMode.TRAIN), earlier.labels()));
            }
            sgd.step(0.025f);
            List<float[]> weightsBefore = values(w);

            new UnrolledGradient(net, sgd, config, null, 0).compute(train, val, XI);
            float[] library = flatGradients(a);
            for (int i = 0; i < w.size(); i++) {
                assertArrayEquals(weightsBefore.get(i), w.get(i).toFloatArray(), "weight " + i
                        + " must be restored exactly after the unrolled gradient");
            }

            Definition d = new Definition(net, sgd, train, val);
            float[] firstOrder = d.firstOrderAtVirtualStep();
            float[] hvp = d.hessianVectorProduct(H);
            float[] hvpHalfStep = d.hessianVectorProduct(H / 2);
            float[] reference = new float[library.length];
            float[] term = new float[library.length];
            for (int j = 0; j < reference.length; j++) {
                term[j] = XI * hvp[j];
                reference[j] = firstOrder[j] - term[j];
            }
            double size = maxAbs(term);
            double noise = XI * maxAbsDifference(hvp, hvpHalfStep);
            double error = maxAbsDifference(library, reference);
            String figures = String.format("max |library − reference| %.3g, max |ξ·HVP| %.3g, noise of the "
                    + "reference's differences (h against h/2) %.3g", error, size, noise);
            assertTrue(size > 20 * noise, "the second-order term must stand out of the noise of the check: " + figures);
            if (!(error <= 0.1 * size)) {
                fail("the unrolled gradient does not follow its definition: " + figures + "\nlibrary         "
                        + format(library) + "\nreference       " + format(reference) + "\nfirst-order part"
                        + format(firstOrder));
            }
        }
    }

    /** The parts of g, each computed by hand; restores the weights and α after each. */
    private static final class Definition {
        private final Supernet net;
        private final SgdMomentum sgd;
        private final Batch train;
        private final Batch val;
        private final List<NDArray> w;
        private final List<NDArray> a;
        private final List<NDArray> weights0 = new ArrayList<>();
        private final List<NDArray> alpha0 = new ArrayList<>();
        private final List<NDArray> v = new ArrayList<>();
        private double epsilon;

        Definition(Supernet net, SgdMomentum sgd, Batch train, Batch val) {
            this.net = net;
            this.sgd = sgd;
            this.train = train;
            this.val = val;
            this.w = net.weights();
            this.a = net.arch().trainable();
            for (NDArray p : w) {
                weights0.add(p.duplicate());
            }
            for (NDArray p : a) {
                alpha0.add(p.duplicate());
            }
        }

        /** ∇α L_val(w', α); also keeps v = ∇w' L_val(w', α) and ε = 0.01 / ‖v‖ for the HVP. */
        float[] firstOrderAtVirtualStep() {
            virtualStep();
            List<NDArray> all = new ArrayList<>(a);
            all.addAll(w);
            try (Gradients.Pass pass = Gradients.towards(all, List.of())) {
                pass.backward(Losses.crossEntropy(net.forward(val.images(), ForwardMode.TRAIN), val.labels()));
            }
            float[] g = flatGradients(a);
            double sq = 0;
            for (NDArray p : w) {
                NDArray grad = Gradients.of(p);
                NDArray copy = grad == null ? p.zerosLike() : grad.duplicate();
                sq += copy.square().sum().getFloat();
                v.add(copy);
            }
            epsilon = 0.01 / Math.sqrt(sq);
            restore();
            return g;
        }

        /** ∂φ/∂α_j by central differences with step h, φ(α) = (L_train(w + εv, α) − L_train(w − εv, α)) / 2ε. */
        float[] hessianVectorProduct(float h) {
            List<Float> out = new ArrayList<>();
            for (int k = 0; k < a.size(); k++) {
                float[] base = alpha0.get(k).toFloatArray();
                for (int j = 0; j < base.length; j++) {
                    double plus = phi(k, base, j, base[j] + h);
                    double minus = phi(k, base, j, base[j] - h);
                    out.add((float) ((plus - minus) / (2.0 * h)));
                }
            }
            restore();
            float[] hvp = new float[out.size()];
            for (int i = 0; i < hvp.length; i++) {
                hvp[i] = out.get(i);
            }
            return hvp;
        }

        /** φ with α_k[j] set to {@code value}. */
        private double phi(int k, float[] base, int j, float value) {
            float[] changed = base.clone();
            changed[j] = value;
            try (Gradients.NoGrad off = Gradients.noGrad()) {
                InPlace.copy(net.manager().create(changed, a.get(k).getShape()), a.get(k));
                shiftWeights(epsilon);
                double plus = trainingLoss();
                shiftWeights(-epsilon);
                double minus = trainingLoss();
                return (plus - minus) / (2 * epsilon);
            }
        }

        /** w = w0 + s·v. */
        private void shiftWeights(double s) {
            for (int i = 0; i < w.size(); i++) {
                InPlace.copy(weights0.get(i).add(v.get(i).mul((float) s)), w.get(i));
            }
        }

        private double trainingLoss() {
            return Losses.crossEntropy(net.forward(train.images(), ForwardMode.TRAIN), train.labels()).getFloat();
        }

        /** w ← w − ξ·(momentum·buf + ∇w L_train(w, α) + wd·w), as DARTS's _compute_unrolled_model. */
        private void virtualStep() {
            try (Gradients.Pass pass = Gradients.towards(w, a)) {
                pass.backward(Losses.crossEntropy(net.forward(train.images(), ForwardMode.TRAIN), train.labels()));
            }
            try (Gradients.NoGrad off = Gradients.noGrad()) {
                for (int i = 0; i < w.size(); i++) {
                    NDArray p = w.get(i);
                    NDArray step = p.mul(sgd.weightDecay());
                    NDArray g = Gradients.of(p);
                    if (g != null) {
                        step = step.add(g);
                    }
                    NDArray buf = sgd.buffer(i);
                    if (buf != null) {
                        step = step.add(buf.mul(sgd.momentum()));
                    }
                    p.subi(step.mul(XI));
                }
            }
        }

        private void restore() {
            try (Gradients.NoGrad off = Gradients.noGrad()) {
                for (int i = 0; i < w.size(); i++) {
                    InPlace.copy(weights0.get(i), w.get(i));
                }
                for (int k = 0; k < a.size(); k++) {
                    InPlace.copy(alpha0.get(k), a.get(k));
                }
            }
        }
    }

    private static float[] flatGradients(List<NDArray> params) {
        List<float[]> parts = new ArrayList<>();
        int n = 0;
        for (NDArray p : params) {
            NDArray g = Gradients.of(p);
            float[] v = g == null ? new float[(int) p.size()] : g.toFloatArray();
            parts.add(v);
            n += v.length;
        }
        float[] out = new float[n];
        int at = 0;
        for (float[] v : parts) {
            System.arraycopy(v, 0, out, at, v.length);
            at += v.length;
        }
        return out;
    }

    private static List<float[]> values(List<NDArray> params) {
        List<float[]> out = new ArrayList<>();
        for (NDArray p : params) {
            out.add(p.toFloatArray());
        }
        return out;
    }

    private static double maxAbsDifference(float[] x, float[] y) {
        double max = 0;
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, Math.abs((double) x[i] - y[i]));
        }
        return max;
    }

    private static double maxAbs(float[] x) {
        double max = 0;
        for (float v : x) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    private static String format(float[] v) {
        StringBuilder s = new StringBuilder();
        for (float x : v) {
            s.append(String.format(" %.5f", x));
        }
        return s.toString();
    }
}
