package org.dnaslab.supernet;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import org.dnaslab.ops.ForwardMode;
import org.dnaslab.search.Gradients;
import org.dnaslab.search.Losses;

import java.util.ArrayList;
import java.util.List;

import static org.dnaslab.testing.Float32.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One training-mode forward and cross-entropy backward of a supernet: its logits and the gradient of every weight
 * and trainable architecture array (empty where none arrived), for comparing two computation paths.
 */
record LogitsAndGradients(float[] logits, List<float[]> grads) {

    static LogitsAndGradients of(Supernet net, NDArray x, NDArray labels) {
        float[] logits;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray out = net.forward(x, ForwardMode.TRAIN);
            logits = out.toFloatArray();
            gc.backward(Losses.crossEntropy(out, labels));
        }
        List<float[]> grads = new ArrayList<>();
        List<NDArray> all = new ArrayList<>(net.weights());
        all.addAll(net.arch().trainable());
        for (NDArray p : all) {
            NDArray g = Gradients.of(p);
            grads.add(g == null ? new float[0] : g.toFloatArray());
        }
        return new LogitsAndGradients(logits, grads);
    }

    /**
     * Logits within 1e-4 + 1e-4·|expected| and every gradient within 2e-4 + 1e-3·|expected| of {@code expected}'s:
     * the two paths sum in different orders (oneDNN picks kernels by CPU and strides), and a backward pass through
     * batch norms amplifies that rounding more than a forward does.
     */
    void assertCloseTo(LogitsAndGradients expected, String what) {
        assertClose(expected.logits(), logits, 1e-4f, 1e-4f, what);
        assertEquals(expected.grads().size(), grads.size(), what);
        for (int i = 0; i < grads.size(); i++) {
            assertClose(expected.grads().get(i), grads.get(i), 2e-4f, 1e-3f, what + ", gradient " + i);
        }
    }
}
