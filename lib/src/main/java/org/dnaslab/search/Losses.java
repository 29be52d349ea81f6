package org.dnaslab.search;

import ai.djl.ndarray.NDArray;
import org.dnaslab.ops.Scalars;

/** Classification loss and accuracy on logits. */
public final class Losses {
    private Losses() {
    }

    /** Mean softmax cross-entropy. */
    public static NDArray crossEntropy(NDArray logits, NDArray labels) {
        long classes = logits.getShape().get(1);
        NDArray sum = logits.logSoftmax(1).mul(labels.oneHot((int) classes)).sum();
        // autograd keeps the divisor for the backward pass: it must be PyTorch's (see Scalars)
        return Scalars.div(sum, -(float) labels.size());
    }

    /** Number of correct argmax predictions. */
    public static long correct(NDArray logits, NDArray labels) {
        return logits.argMax(1).eq(labels).sum().getLong();
    }
}
