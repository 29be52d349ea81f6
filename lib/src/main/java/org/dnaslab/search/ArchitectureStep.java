package org.dnaslab.search;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import org.dnaslab.data.ImageDataset;
import org.dnaslab.ops.ForwardMode;
import org.dnaslab.supernet.ArchitectureParameters;
import org.dnaslab.supernet.Supernet;

import java.util.List;

/**
 * The first-order architecture gradient the search and PT's tuning take before a weight step: forward a validation
 * batch in {@link ForwardMode#TRAIN}, cross-entropy plus the optional {@link LossTerm}, backward to α (and β) with
 * the weights held. The caller then steps its Adam optimizers. (The second-order gradient is
 * {@link UnrolledGradient}.)
 */
public final class ArchitectureStep {
    private final Supernet net;
    private final LossTerm lossTerm;
    private final int epochs;

    /** @param lossTerm an extra term of the architecture loss, or null; @param epochs the run's epochs, for it */
    public ArchitectureStep(Supernet net, LossTerm lossTerm, int epochs) {
        this.net = net;
        this.lossTerm = lossTerm;
        this.epochs = epochs;
    }

    /**
     * Fills α's (and β's) gradients from images {@code order[from .. from + size)} of {@code data}.
     *
     * @param skipDetached whether a loss that does not depend on α or β at all (every undecided edge cut off by edges
     *                     committed to none) returns null instead of failing
     * @return the validation cross-entropy and accuracy, or null (see {@code skipDetached})
     */
    public double[] gradient(ImageDataset data, int[] order, int from, int size, int epoch, boolean skipDetached) {
        try (NDScope scope = new NDScope()) {
            return gradient(Batch.load(net.manager(), data, order, from, size), epoch, skipDetached);
        }
    }

    /** As above on a loaded batch (inside the caller's scope). */
    double[] gradient(Batch val, int epoch, boolean skipDetached) {
        List<NDArray> weights = net.weights();
        try (Gradients.Pass pass = Gradients.towardsReleasing(net.arch().trainable(), weights)) {
            NDArray logits = net.forward(val.images(), ForwardMode.TRAIN);
            NDArray ce = Losses.crossEntropy(logits, val.labels());
            try {
                pass.backward(withLossTerm(ce, net.arch(), lossTerm, epoch, epochs), ce, logits);
            } catch (EngineException e) {
                // DJL cannot ask a computed array whether it is on the graph; autograd's refusal says it is not
                if (skipDetached && String.valueOf(e.getMessage()).contains("does not require grad")) {
                    return null;
                }
                throw e;
            }
            return new double[] {ce.getFloat(), (double) Losses.correct(logits, val.labels()) / val.size()};
        }
    }

    /** The architecture loss: {@code ce} plus the loss term's penalty at {@code epoch} of {@code epochs}, if any. */
    static NDArray withLossTerm(NDArray ce, ArchitectureParameters arch, LossTerm term, int epoch, int epochs) {
        if (term == null) {
            return ce;
        }
        NDArray p = term.penalty(arch, epoch, epochs);
        return p == null ? ce : ce.add(p);
    }
}
