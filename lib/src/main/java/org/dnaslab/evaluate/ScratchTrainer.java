package org.dnaslab.evaluate;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.dnaslab.data.DataPair;
import org.dnaslab.data.ImageDataset;
import org.dnaslab.ops.ForwardMode;
import org.dnaslab.progress.Progress;
import org.dnaslab.search.Batch;
import org.dnaslab.search.Gradients;
import org.dnaslab.search.Losses;
import org.dnaslab.train.TrainingInterruptedException;
import org.dnaslab.search.Seeds;
import org.dnaslab.search.WeightStep;
import org.dnaslab.space.Architecture;
import org.dnaslab.store.ResultStore;
import org.dnaslab.supernet.Supernet;
import org.dnaslab.supernet.SupernetConfig;
import org.dnaslab.train.EpochSums;
import org.dnaslab.train.StepResult;
import org.dnaslab.train.TrainingLoop;

/**
 * Trains an architecture from scratch on the discrete network of {@link Supernet#discrete} (the search's macro
 * skeleton with only the chosen ops, affine batch norm with running statistics) and tests it, honouring every field
 * of the {@link TrainingProtocol}:
 * <ul>
 *   <li>network: C = {@code channels}, {@code cells} normal cells per stage ({@link TrainingProtocol#networkCells}:
 *       DARTS-type spaces add the two reduction cells, 3 × cells + 2 layers in all), input shape
 *       and classes from the training data, weights initialised from {@code seed};</li>
 *   <li>SGD with {@code momentum}, {@code weightDecay} and gradient-norm clip {@code gradClip} (0 = off), learning
 *       rate {@link TrainingProtocol#learningRate(int)} for each epoch; mini-batches of {@code batchSize} in a seeded
 *       order per epoch (a last batch of fewer images is used if it holds at least 2);</li>
 *   <li>cutout of {@code cutoutLength} on every normalised training batch ({@link Cutout#apply}), drop-path ramped
 *       as DARTS does, {@code dropPathProb × epoch / epochs} in epoch {@code epoch} (0-based, so the first epoch
 *       trains without it), on the non-identity ops of every edge; an auxiliary head and {@link AuxiliaryLoss} when
 *       {@code auxiliaryWeight > 0} (the network has no auxiliary head otherwise);</li>
 *   <li>at most {@code dataLimit} training images (the first ones; 0 = all).</li>
 * </ul>
 * All randomness (weights, data order, cutout squares, drop-path draws) comes from {@code protocol.seed()}, so a
 * training repeats exactly on the same thread count.
 *
 * <p>The test accuracy is measured on the whole test set in {@link ForwardMode#EVAL} (running statistics: a
 * discrete network is a normal network, so batch statistics are not used). The training accuracy is that of the
 * last epoch's training batches, as they were trained on (cutout and drop-path included), as DARTS reports it.
 * Metrics: {@code params} (trainable weights, auxiliary head included), {@code finalLoss} (mean training loss of
 * the last epoch, auxiliary term included), {@code testLoss}, {@code trainImages}, {@code testImages}.
 *
 * <p>Progress counts epochs and shows the running loss and accuracy within an epoch. Interrupting the thread stops
 * the training before the next step with {@link TrainingInterruptedException} (the interrupt flag stays set): a
 * partial training is never returned, so a {@link ResultStore} never records one.
 */
public final class ScratchTrainer implements ArchitectureTrainer {
    static final long PURPOSE_ORDER = 101;
    static final long PURPOSE_CUTOUT = 102;
    static final long PURPOSE_DROP_PATH = 103;
    private static final int EVAL_BATCH = 256;

    private final DataPair data;
    private final StepInspector inspector;

    /** Trains on {@code data.train()} and tests on {@code data.test()}; limit the test set beforehand if wanted. */
    public ScratchTrainer(DataPair data) {
        this(data, null);
    }

    ScratchTrainer(DataPair data, StepInspector inspector) {
        this.data = Objects.requireNonNull(data, "data");
        this.inspector = inspector;
        if (data.train().channels() != data.test().channels() || data.train().height() != data.test().height()
                || data.train().width() != data.test().width()) {
            throw new IllegalArgumentException("training images are " + shape(data.train()) + " but test images "
                    + shape(data.test()));
        }
        if (data.train().height() != data.train().width()) {
            throw new IllegalArgumentException("the network needs square images, got " + shape(data.train()));
        }
    }

    private static String shape(ImageDataset d) {
        return d.channels() + "x" + d.height() + "x" + d.width();
    }

    /** The training set it trains on and the test set it measures on, as given to the constructor. */
    public DataPair data() {
        return data;
    }

    /** The drop-path probability of {@code epoch} (0-based): DARTS' linear ramp {@code p × epoch / epochs}. */
    public static double dropPathAt(TrainingProtocol protocol, int epoch) {
        return protocol.dropPathProb() * epoch / protocol.epochs();
    }

    /** The network shape a protocol gives for this trainer's data. */
    public SupernetConfig networkConfig(Architecture architecture, TrainingProtocol protocol) {
        ImageDataset train = data.train();
        return SupernetConfig.builder().setSpace(architecture.space().name()).optChannels(protocol.channels())
                .optCells(protocol.networkCells(architecture.space())).optInput(train.channels(), train.height())
                .optClasses(Math.max(train.numClasses(), data.test().numClasses())).optSeed(protocol.seed()).build();
    }

    /** The untrained network {@link #train} starts from (auxiliary head iff the protocol's weight is above 0). */
    public Supernet network(NDManager manager, Architecture architecture, TrainingProtocol protocol) {
        return Supernet.discrete(manager, networkConfig(architecture, protocol), architecture,
                protocol.auxiliaryWeight() > 0);
    }

    @Override
    public TrainedResult train(Architecture architecture, TrainingProtocol protocol, Progress progress) {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(protocol, "protocol");
        Progress bar = progress != null ? progress : org.dnaslab.progress.ProgressReporters.silent().start("", 0);
        ImageDataset train = protocol.dataLimit() > 0 ? data.train().limit(protocol.dataLimit()) : data.train();
        if (train.size() < 2) {
            throw new IllegalArgumentException("training needs at least 2 images (batch norm), got " + train.size());
        }
        long started = System.nanoTime();
        // Only ops such as S4's noise draw from the engine's generator.
        Engine.getInstance().setRandomSeed((int) protocol.seed());
        try (NDManager manager = NDManager.newBaseManager();
             Supernet net = network(manager, architecture, protocol);
             WeightStep weightStep = new WeightStep(net, protocol.sgd(), List.of())) {
            Training body = new Training(architecture, protocol, train, net, weightStep, bar);
            new TrainingLoop("training of " + architecture, protocol.epochs(), List.of(body)).run(body, null);
            net.setDropPath(0, null);
            double[] test = evaluate(net, data.test());
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("params", (double) net.parameterCount());
            metrics.put("finalLoss", body.lastLoss);
            metrics.put("testLoss", test[0]);
            metrics.put("trainImages", (double) train.size());
            metrics.put("testImages", (double) data.test().size());
            double seconds = (System.nanoTime() - started) / 1e9;
            bar.update(protocol.epochs(), "tested", Map.of("test_acc", test[1]));
            return new TrainedResult(architecture, test[1], body.lastAccuracy, protocol.epochs(), seconds, protocol,
                    metrics);
        }
    }

    /**
     * The epochs of one training as the loop runs them: a seeded order, cutout squares and drop-path draws per
     * epoch; each step a {@link WeightStep} whose objective applies cutout and adds the auxiliary loss.
     */
    private final class Training implements TrainingLoop.Body, TrainingLoop.Listener {
        private final Architecture architecture;
        private final TrainingProtocol protocol;
        private final ImageDataset train;
        private final Supernet net;
        private final WeightStep weightStep;
        private final Progress bar;
        private final AuxiliaryLoss lossFunction;
        private final int[] all;
        private final int steps;
        private int[] order;
        private SplittableRandom cutoutRandom;
        private double lastLoss = Double.NaN;
        private double lastAccuracy = Double.NaN;

        Training(Architecture architecture, TrainingProtocol protocol, ImageDataset train, Supernet net,
                 WeightStep weightStep, Progress bar) {
            this.architecture = architecture;
            this.protocol = protocol;
            this.train = train;
            this.net = net;
            this.weightStep = weightStep;
            this.bar = bar;
            this.lossFunction = AuxiliaryLoss.of(protocol);
            this.all = IntStream.range(0, train.size()).toArray();
            int batch = protocol.batchSize();
            this.steps = (train.size() / batch) + (train.size() % batch >= 2 ? 1 : 0);
        }

        @Override
        public int startEpoch(int epoch) {
            long seed = protocol.seed();
            order = Seeds.shuffled(all, Seeds.stream(seed, PURPOSE_ORDER, epoch));
            cutoutRandom = Seeds.stream(seed, PURPOSE_CUTOUT, epoch);
            double dropPath = dropPathAt(protocol, epoch);
            net.setDropPath(dropPath, dropPath > 0 ? Seeds.stream(seed, PURPOSE_DROP_PATH, epoch) : null);
            return steps;
        }

        @Override
        public StepResult step(int epoch, int step, int steps) {
            int from = step * protocol.batchSize();
            int size = Math.min(protocol.batchSize(), train.size() - from);
            float lr = (float) protocol.learningRate(epoch, step, steps);
            NDArray[] beforeCutout = new NDArray[1];
            WeightStep.Objective objective = (network, b) -> {
                NDArray x = b.images();
                beforeCutout[0] = inspector == null ? null : x.duplicate();
                Cutout.apply(x, protocol.cutoutLength(), cutoutRandom);
                NDList out = network.hasAuxiliaryHead() ? network.forwardWithAuxiliary(x, ForwardMode.TRAIN)
                        : new NDList(network.forward(x, ForwardMode.TRAIN));
                return new WeightStep.Outcome(lossFunction.evaluate(new NDList(b.labels()), out), out.get(0),
                        beforeCutout[0] == null ? List.of() : List.of(beforeCutout[0]));
            };
            WeightStep.BeforeUpdate look = inspector == null ? null : (b, loss) -> inspector.onStep(
                    new Step(epoch, step, beforeCutout[0], b.images(), b.labels(), loss, net));
            return weightStep.run(train, order, from, size, lr, objective, look);
        }

        /** The bar counts epochs and shows the epoch's running loss and accuracy. */
        @Override
        public void onStep(int epoch, int step, int steps, StepResult r, EpochSums soFar) {
            bar.update(epoch, "epoch " + (epoch + 1) + "/" + protocol.epochs() + " step " + (step + 1) + "/" + steps,
                    runningMetrics(soFar.imageLoss(), soFar.imageAccuracy(), r.lr()));
        }

        @Override
        public void endEpoch(int epoch, EpochSums sums) {
            lastLoss = sums.imageLoss();
            lastAccuracy = sums.imageAccuracy();
            bar.update(epoch + 1, "epoch " + (epoch + 1) + "/" + protocol.epochs(),
                    runningMetrics(lastLoss, lastAccuracy, protocol.learningRate(epoch)));
        }

        @Override
        public String diverged(String where) {
            return " under " + protocol.describe();
        }
    }

    private static Map<String, Double> runningMetrics(double loss, double accuracy, double lr) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss", loss);
        m.put("acc", accuracy);
        m.put("lr", lr);
        return m;
    }

    /**
     * Mean cross-entropy and accuracy of a discrete network on every image of {@code images}, in
     * {@link ForwardMode#EVAL} (running statistics) without gradients.
     */
    public static double[] evaluate(Supernet net, ImageDataset images) {
        if (images.size() == 0) {
            throw new IllegalArgumentException("cannot test on an empty set: " + images.name());
        }
        int[] order = IntStream.range(0, images.size()).toArray();
        double loss = 0;
        long correct = 0;
        try (AutoCloseable noGrad = Gradients.noGrad()) {
            for (int from = 0; from < images.size(); from += EVAL_BATCH) {
                int size = Math.min(EVAL_BATCH, images.size() - from);
                try (NDScope scope = new NDScope()) {
                    Batch b = Batch.load(net.manager(), images, order, from, size);
                    NDArray logits = net.forward(b.images(), ForwardMode.EVAL);
                    loss += Losses.crossEntropy(logits, b.labels()).getFloat() * (double) size;
                    correct += Losses.correct(logits, b.labels());
                }
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new double[] {loss / images.size(), (double) correct / images.size()};
    }

    /** Sees every training step after its backward pass and before the weight update (tests). */
    @FunctionalInterface
    interface StepInspector {
        void onStep(Step step);
    }

    /**
     * One training step as the network saw it.
     *
     * @param input   the normalised batch before cutout (a copy)
     * @param trained the batch the network was trained on (after cutout)
     * @param loss    the loss that was back-propagated
     * @param net     the network, with the drop-path probability of this epoch set
     */
    record Step(int epoch, int step, NDArray input, NDArray trained, NDArray labels, double loss, Supernet net) {
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add("train " + data.train().name() + " (" + data.train().size() + ")");
        parts.add("test " + data.test().name() + " (" + data.test().size() + ")");
        return "ScratchTrainer(" + String.join(", ", parts) + ")";
    }
}
