package org.dnaslab.bench;

import ai.djl.ndarray.NDManager;
import org.dnaslab.data.DataPair;
import org.dnaslab.data.ImageDataset;
import org.dnaslab.data.SyntheticData;
import org.dnaslab.evaluate.ScratchTrainer;
import org.dnaslab.evaluate.TrainingProtocol;
import org.dnaslab.search.WeightStep;
import org.dnaslab.space.Architecture;
import org.dnaslab.supernet.Supernet;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Times one step of training from scratch as {@link ScratchTrainer} takes it (its discrete network, a
 * {@link WeightStep} with the protocol's SGD settings) at the ground-truth protocol's size
 * ({@link TrainingProtocol#groundTruth()}: C 8, N 1, batch 128), on synthetic Fashion-MNIST-shaped images.
 */
public final class ScratchStepBench {
    /** A fixed conv-heavy cell: five 3×3 convolutions and one skip (bench/reference.py's GT_ARCH). */
    public static final String ARCHITECTURE =
            "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|";
    private static final int BATCHES = 4;

    /** Timed steps and the network's trainable weights (to check against the reference's count). */
    public record Result(double[] millis, long params) {
    }

    private ScratchStepBench() {
    }

    public static Result run(StepBudget budget) {
        return run(budget, StepProfiler.none());
    }

    /** Runs steps until {@code budget} is done, then {@code profiler}'s steps under the op profiler. */
    public static Result run(StepBudget budget, StepProfiler profiler) {
        TrainingProtocol protocol = TrainingProtocol.groundTruth();
        int batch = protocol.batchSize();
        SplittableRandom random = new SplittableRandom(protocol.seed());
        // 28×28×1 and 10 classes, as Fashion-MNIST; the images cannot make one side faster than the other
        ImageDataset train = SyntheticData.gratings("bench/train", BATCHES * batch, 10, 1, 28, 28, random);
        ImageDataset test = SyntheticData.gratings("bench/test", batch, 10, 1, 28, 28, random);
        ScratchTrainer trainer = new ScratchTrainer(new DataPair(train, test));
        int[] order = IntStream.range(0, train.size()).toArray();
        try (NDManager manager = NDManager.newBaseManager();
             Supernet net = trainer.network(manager, Architecture.parseNb201(ARCHITECTURE), protocol);
             WeightStep step = new WeightStep(net, protocol.sgd(), List.of())) {
            float lr = (float) protocol.learningRate();
            for (int k = 0; !budget.done(); k++) {
                long t0 = System.nanoTime();
                step.run(train, order, (k % BATCHES) * batch, batch, lr);
                budget.record((System.nanoTime() - t0) / 1e6);
            }
            if (profiler.steps() > 0) {
                profiler.begin();
                long t0 = System.nanoTime();
                for (int k = 0; k < profiler.steps(); k++) {
                    step.run(train, order, (k % BATCHES) * batch, batch, lr);
                }
                profiler.end((System.nanoTime() - t0) / 1e6);
            }
            return new Result(budget.timed(), net.parameterCount());
        }
    }
}
