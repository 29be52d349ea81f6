package org.dnaslab.search;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pass from {@link Gradients#towardsReleasing} closes the arrays made in it before the backward pass, keeps the
 * loss and the arrays it is told to keep, and gives exactly the gradients of a pass that closes nothing.
 */
class ReleasingPassTest {
    private NDManager manager;
    private NDArray w;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
        w = manager.arange(12f).reshape(3, 4).mul(0.25f).sub(manager.full(new Shape(), 1f));
        w.setRequiresGradient(true);
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    /** Arrays the loss is built from, returned so that the test can look at them after the pass. */
    private record Forward(NDArray hidden, NDArray activated, NDArray logits, NDArray loss) {
    }

    /** A two-layer computation whose backward pass reads its saved intermediates (tanh, square). */
    private Forward forward() {
        NDArray hidden = w.matMul(w.transpose());
        NDArray activated = hidden.tanh();
        NDArray logits = activated.square().add(hidden);
        return new Forward(hidden, activated, logits, logits.sum());
    }

    private float[] gradient(boolean releasing) {
        try (NDScope step = new NDScope()) {
            try (Gradients.Pass pass = releasing ? Gradients.towardsReleasing(List.of(w), List.of())
                    : Gradients.towards(List.of(w), List.of())) {
                Forward f = forward();
                pass.backward(f.loss(), f.logits());
            }
            return Gradients.of(w).toFloatArray();
        }
    }

    @Test
    void sameGradientsAsAPassThatClosesNothing() {
        float[] plain = gradient(false);
        float[] released = gradient(true);
        assertTrue(plain.length == 12 && plain[0] != 0f, "the test's gradient is not trivial");
        assertArrayEquals(plain, released);
    }

    @Test
    void closesWhatTheForwardMadeAndKeepsTheLossAndKeptArrays() {
        try (NDScope step = new NDScope()) {
            Forward f;
            float lossValue;
            try (Gradients.Pass pass = Gradients.towardsReleasing(List.of(w), List.of())) {
                f = forward();
                pass.backward(f.loss(), f.logits());
                lossValue = f.loss().getFloat();
                assertTrue(f.hidden().isReleased(), "an intermediate stays open");
                assertTrue(f.activated().isReleased(), "an intermediate stays open");
                assertFalse(f.logits().isReleased(), "a kept array was closed");
            }
            assertFalse(f.loss().isReleased(), "the loss was closed with the pass");
            assertEquals(lossValue, f.loss().getFloat());
            assertFalse(w.isReleased(), "the weight was closed");
        }
    }

    @Test
    void keptArraysGoWithTheEnclosingScope() {
        Forward f;
        try (NDScope step = new NDScope()) {
            try (Gradients.Pass pass = Gradients.towardsReleasing(List.of(w), List.of())) {
                f = forward();
                pass.backward(f.loss(), f.logits());
            }
        }
        assertTrue(f.logits().isReleased(), "a kept array outlived the enclosing scope");
        assertTrue(f.loss().isReleased(), "the loss outlived the enclosing scope");
    }

    @Test
    void aPassThatNeverRunsBackwardClosesWhatItMade() {
        NDArray hidden;
        try (Gradients.Pass pass = Gradients.towardsReleasing(List.of(w), List.of())) {
            hidden = w.matMul(w.transpose());
        }
        assertTrue(hidden.isReleased());
        assertFalse(w.isReleased());
    }
}
