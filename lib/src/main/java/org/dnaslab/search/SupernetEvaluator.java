package org.dnaslab.search;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import org.dnaslab.data.ImageDataset;
import org.dnaslab.ops.ForwardMode;
import org.dnaslab.supernet.ForwardWeights;
import org.dnaslab.supernet.Supernet;
import org.dnaslab.train.TrainingInterruptedException;

/**
 * Loss and accuracy of a supernet (with its current α and edge decisions) on a set of images, without gradients.
 * Batch statistics by default: the PT paper's and darts-pt's choice for supernet measurements.
 */
public final class SupernetEvaluator {
    private final ImageDataset data;
    private final int[] indices;
    private final int batchSize;
    private final int maxBatches;

    /** @param maxBatches 0 = every full batch of {@code indices} */
    public SupernetEvaluator(ImageDataset data, int[] indices, int batchSize, int maxBatches) {
        if (indices.length < batchSize) {
            throw new IllegalArgumentException("evaluation needs at least one full batch: " + indices.length
                    + " images for batch size " + batchSize);
        }
        this.data = data;
        this.indices = indices.clone();
        this.batchSize = batchSize;
        int full = indices.length / batchSize;
        this.maxBatches = maxBatches <= 0 ? full : Math.min(full, maxBatches);
    }

    public int batches() {
        return maxBatches;
    }

    public Result evaluate(Supernet net) {
        return evaluate(net, ForwardMode.BATCH_STATS);
    }

    public Result evaluate(Supernet net, ForwardMode mode) {
        return evaluate(net, mode, true);
    }

    /**
     * @param interruptible whether an interrupt of the thread stops the evaluation (with
     *                      {@link TrainingInterruptedException}); a caller that checks the flag itself passes false
     */
    public Result evaluate(Supernet net, ForwardMode mode, boolean interruptible) {
        double loss = 0;
        long correct = 0;
        long seen = 0;
        try (AutoCloseable noGrad = Gradients.noGrad(); NDScope scope = new NDScope()) {
            ForwardWeights w = ForwardWeights.of(net.arch());
            for (int b = 0; b < maxBatches; b++) {
                if (interruptible && Thread.currentThread().isInterrupted()) {
                    throw new TrainingInterruptedException("evaluation interrupted after " + b + " batches");
                }
                try (NDScope step = new NDScope()) {
                    Batch batch = Batch.load(net.manager(), data, indices, b * batchSize, batchSize);
                    NDArray logits = net.forward(batch.images(), mode, w);
                    loss += Losses.crossEntropy(logits, batch.labels()).getFloat() * batchSize;
                    correct += Losses.correct(logits, batch.labels());
                    seen += batchSize;
                }
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new Result(loss / seen, (double) correct / seen, seen);
    }

    /** Mean loss, accuracy in [0, 1], and how many images they are over. */
    public record Result(double loss, double accuracy, long images) {
    }
}
