package org.dnaslab.search;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import org.dnaslab.ops.ForwardMode;
import org.dnaslab.ops.InPlace;
import org.dnaslab.ops.Scalars;
import org.dnaslab.supernet.Supernet;

import java.util.ArrayList;
import java.util.List;

/**
 * DARTS's second-order architecture gradient. With w' = w − ξ·(momentum·buf + ∇w L_train + wd·w) one virtual
 * SGD step ahead:
 * ∇α L_val(w', α) − ξ · (∇α L_train(w⁺, α) − ∇α L_train(w⁻, α)) / (2R), w± = w ± R·∇w' L_val(w', α),
 * R = 0.01 / ‖∇w' L_val‖ (a finite-difference Hessian-vector product). Leaves the result in α's gradients
 * and the weights as they were.
 */
final class UnrolledGradient {
    private final Supernet net;
    private final SgdMomentum weightOptimizer;
    private final LossTerm lossTerm;
    private final int epoch;
    private final int epochs;

    UnrolledGradient(Supernet net, SgdMomentum weightOptimizer, SearchConfig config, LossTerm lossTerm, int epoch) {
        this.net = net;
        this.weightOptimizer = weightOptimizer;
        this.lossTerm = lossTerm;
        this.epoch = epoch;
        this.epochs = config.epochs();
    }

    /** @return validation loss and accuracy at w' */
    double[] compute(Batch train, Batch val, float xi) {
        List<NDArray> w = net.weights();
        List<NDArray> a = net.arch().trainable();
        // 1. the virtual step
        trainingGradient(train, w, a, true);
        List<NDArray> backup = new ArrayList<>();
        try (AutoCloseable noGrad = Gradients.noGrad()) {
            for (int i = 0; i < w.size(); i++) {
                NDArray p = w.get(i);
                backup.add(p.duplicate());
                NDArray g = Gradients.of(p);
                NDArray d = g == null ? Scalars.mul(p, weightOptimizer.weightDecay())
                        : g.add(Scalars.mul(p, weightOptimizer.weightDecay()));
                NDArray buf = weightOptimizer.buffer(i);
                if (buf != null) {
                    d = d.add(Scalars.mul(buf, weightOptimizer.momentum()));
                }
                p.subi(Scalars.mul(d, xi));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        // 2. validation gradients at w'
        Gradients.zero(w);
        Gradients.zero(a);
        double[] lossAcc;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray logits = net.forward(val.images(), ForwardMode.TRAIN);
            NDArray ce = Losses.crossEntropy(logits, val.labels());
            gc.backward(ArchitectureStep.withLossTerm(ce, net.arch(), lossTerm, epoch, epochs));
            lossAcc = new double[] {ce.getFloat(), (double) Losses.correct(logits, val.labels()) / val.size()};
        }
        List<NDArray> alphaGrad = copies(a);
        List<NDArray> dw = copies(w);
        double sq = 0;
        for (NDArray g : dw) {
            if (g != null) {
                float n = g.norm().getFloat();
                sq += (double) n * n;
            }
        }
        float r = (float) (0.01 / Math.max(Math.sqrt(sq), 1e-12));
        try (AutoCloseable noGrad = Gradients.noGrad()) {
            for (int i = 0; i < w.size(); i++) {
                InPlace.copy(backup.get(i), w.get(i));
            }
            // 3. finite differences around w
            shift(w, dw, r);
            List<NDArray> plus = alphaGradientOfTraining(train, w, a);
            shift(w, dw, -2 * r);
            List<NDArray> minus = alphaGradientOfTraining(train, w, a);
            for (int i = 0; i < w.size(); i++) {
                InPlace.copy(backup.get(i), w.get(i));
            }
            // 4. combine into α's gradient
            for (int i = 0; i < a.size(); i++) {
                NDArray g = Gradients.of(a.get(i));
                NDArray hessian = Scalars.div(plus.get(i).sub(minus.get(i)), 2 * r);
                // into the gradient's own storage: g is a temporary handle, see InPlace
                InPlace.copy(alphaGrad.get(i).sub(Scalars.mul(hessian, xi)), g);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return lossAcc;
    }

    private void trainingGradient(Batch train, List<NDArray> w, List<NDArray> a, boolean weights) {
        try (Gradients.Pass pass = Gradients.towards(weights ? w : a, weights ? a : w)) {
            pass.backward(Losses.crossEntropy(net.forward(train.images(), ForwardMode.TRAIN), train.labels()));
        }
    }

    private List<NDArray> alphaGradientOfTraining(Batch train, List<NDArray> w, List<NDArray> a) {
        trainingGradient(train, w, a, false);
        List<NDArray> g = copies(a);
        for (int i = 0; i < g.size(); i++) {
            if (g.get(i) == null) {
                g.set(i, a.get(i).zerosLike());
            }
        }
        return g;
    }

    private static void shift(List<NDArray> w, List<NDArray> direction, float scale) {
        for (int i = 0; i < w.size(); i++) {
            if (direction.get(i) != null) {
                w.get(i).addi(Scalars.mul(direction.get(i), scale));
            }
        }
    }

    private static List<NDArray> copies(List<NDArray> params) {
        List<NDArray> out = new ArrayList<>();
        for (NDArray p : params) {
            NDArray g = Gradients.of(p);
            out.add(g == null ? null : g.duplicate());
        }
        return out;
    }
}
