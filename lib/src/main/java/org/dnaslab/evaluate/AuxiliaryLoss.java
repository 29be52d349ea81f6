package org.dnaslab.evaluate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import org.dnaslab.ops.Scalars;

/**
 * Cross-entropy of the main logits plus, when the weight is above 0, {@code weight ×} the cross-entropy of an
 * auxiliary head's logits (DARTS' evaluation networks put that head after the second reduction cell).
 *
 * <p>Predictions are {@code [logits]} or {@code [logits, auxLogits]}. With weight 0 a second prediction is ignored;
 * with weight &gt; 0 it is required, because a protocol that declares an auxiliary head must not silently train
 * without one. Validation, which has no auxiliary output, should use plain cross-entropy.
 */
public final class AuxiliaryLoss extends Loss {
    private final double weight;
    private final Loss crossEntropy = new SoftmaxCrossEntropyLoss("cross-entropy");

    public AuxiliaryLoss(double weight) {
        super("loss");
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("auxiliary weight must be finite and >= 0, got " + weight);
        }
        this.weight = weight;
    }

    /** The loss a protocol declares. */
    public static AuxiliaryLoss of(TrainingProtocol protocol) {
        return new AuxiliaryLoss(protocol.auxiliaryWeight());
    }

    public double weight() {
        return weight;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray main = crossEntropy.evaluate(labels, new NDList(predictions.get(0)));
        if (weight == 0) {
            return main;
        }
        if (predictions.size() < 2) {
            throw new IllegalArgumentException("auxiliary weight " + weight + " needs the auxiliary head's logits as "
                    + "the second prediction, but the network returned " + predictions.size() + " output(s)");
        }
        NDArray aux = crossEntropy.evaluate(labels, new NDList(predictions.get(1)));
        // A float scalar: a double would promote the loss, and everything after it, to float64.
        return main.add(Scalars.mul(aux, (float) weight));
    }
}
