package org.dnaslab.search;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import org.dnaslab.data.ImageDataset;
import org.dnaslab.ops.ForwardMode;
import org.dnaslab.supernet.Supernet;
import org.dnaslab.train.SgdSettings;
import org.dnaslab.train.StepResult;

import java.util.ArrayList;
import java.util.List;

/**
 * The weight step every training takes: load a batch, forward in {@link ForwardMode#TRAIN}, the loss (cross-entropy
 * unless an {@link Objective} says otherwise), backward to the weights only, clip the gradients' global norm, one
 * SGD-with-momentum update. The search, fine-tuning, PT's tuning, single-stage training and training from scratch
 * all step their weights through this class.
 *
 * <p>Owns its {@link SgdMomentum}: close the step when its training ends.
 */
public final class WeightStep implements AutoCloseable {
    private final Supernet net;
    private final List<NDArray> weights;
    private final List<NDArray> held;
    private final SgdMomentum optimizer;
    private final double gradClip;

    /**
     * @param held arrays the loss depends on whose gradients are not wanted (α and β), or an empty list
     */
    public WeightStep(Supernet net, SgdSettings sgd, List<NDArray> held) {
        this.net = net;
        this.weights = net.weights();
        this.held = List.copyOf(held);
        this.optimizer = new SgdMomentum(weights, (float) sgd.momentum(), (float) sgd.weightDecay());
        this.gradClip = sgd.gradClip();
    }

    /** What a step's forward pass computes: the loss to back-propagate and the logits its accuracy is read from. */
    @FunctionalInterface
    public interface Objective {
        Outcome apply(Supernet net, Batch batch);

        /** Cross-entropy of the network's logits: the search's and fine-tuning's objective. */
        Objective CROSS_ENTROPY = (net, batch) -> {
            NDArray logits = net.forward(batch.images(), ForwardMode.TRAIN);
            return new Outcome(Losses.crossEntropy(logits, batch.labels()), logits);
        };
    }

    /**
     * @param loss   a scalar to back-propagate
     * @param logits the main head's logits
     * @param kept   other arrays made by the objective that are read after the backward pass (every array the
     *               objective makes besides these is closed before it, see {@link Gradients#towardsReleasing})
     */
    public record Outcome(NDArray loss, NDArray logits, List<NDArray> kept) {
        public Outcome(NDArray loss, NDArray logits) {
            this(loss, logits, List.of());
        }
    }

    /** Sees a step after its backward pass and before the update (tests look at the gradients and batches here). */
    @FunctionalInterface
    public interface BeforeUpdate {
        void accept(Batch batch, double loss);
    }

    /** One cross-entropy step on images {@code order[from .. from + size)} of {@code data}. */
    public StepResult run(ImageDataset data, int[] order, int from, int size, float lr) {
        return run(data, order, from, size, lr, Objective.CROSS_ENTROPY, null);
    }

    /** One step with its own objective, and an optional look before the update. */
    public StepResult run(ImageDataset data, int[] order, int from, int size, float lr, Objective objective,
                          BeforeUpdate look) {
        try (NDScope scope = new NDScope()) {
            Batch batch = Batch.load(net.manager(), data, order, from, size);
            double loss;
            long correct;
            try (Gradients.Pass pass = Gradients.towardsReleasing(weights, held)) {
                Outcome out = objective.apply(net, batch);
                List<NDArray> keep = new ArrayList<>(out.kept());
                keep.add(out.logits());
                pass.backward(out.loss(), keep.toArray(NDArray[]::new));
                loss = out.loss().getFloat();
                correct = Losses.correct(out.logits(), batch.labels());
            }
            if (look != null) {
                look.accept(batch, loss);
            }
            if (gradClip > 0) {
                Gradients.clipNorm(weights, gradClip);
            }
            optimizer.step(lr);
            return StepResult.weights(loss, correct, size, lr);
        }
    }

    /** The SGD state (for the unrolled architecture gradient and checkpoints). */
    public SgdMomentum optimizer() {
        return optimizer;
    }

    @Override
    public void close() {
        optimizer.close();
    }
}
