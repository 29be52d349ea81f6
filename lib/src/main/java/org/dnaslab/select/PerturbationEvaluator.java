package org.dnaslab.select;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import org.dnaslab.data.ImageDataset;
import org.dnaslab.ops.ForwardMode;
import org.dnaslab.search.Batch;
import org.dnaslab.search.Gradients;
import org.dnaslab.search.Losses;
import org.dnaslab.train.TrainingInterruptedException;
import org.dnaslab.search.SupernetEvaluator;
import org.dnaslab.space.CellType;
import org.dnaslab.space.SearchSpace;
import org.dnaslab.supernet.CachedPrefix;
import org.dnaslab.supernet.EdgeDecisions;
import org.dnaslab.supernet.ForwardWeights;
import org.dnaslab.supernet.Supernet;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Validation accuracy of a supernet under a set of perturbations of one node's incoming edges (an op masked, an
 * edge committed to an op, an edge dropped), in batch-statistics mode and without gradients, as PT measures it.
 *
 * <p>Two paths give the same numbers up to float32 rounding (they sum in another order, so an image whose two best
 * logits are within rounding of each other may be counted differently; see {@link DecisionAgreement}).
 * {@link Path#NAIVE} runs the whole network for every perturbation.
 * {@link Path#FAST} goes batch by batch: it runs the network once with nothing perturbed, keeping the state that
 * enters the first cell of the perturbed type and that cell's nodes before the perturbed node
 * ({@link CachedPrefix}), then recomputes only the rest for each perturbation; a perturbation that changes nothing
 * (masking {@code none}, which is never computed) takes the unperturbed accuracy.
 */
public final class PerturbationEvaluator {
    private final ImageDataset data;
    private final int[] indices;
    private final int batchSize;
    private final int batches;
    private final Path path;

    /** How the accuracies are computed. */
    public enum Path {
        /**
         * The prefix up to the perturbed node once per batch ({@link CachedPrefix}), then only the rest per
         * perturbation.
         */
        FAST,
        /** The whole network for every perturbation. */
        NAIVE
    }

    /** @param maxBatches 0 = every full batch of {@code indices} */
    public PerturbationEvaluator(ImageDataset data, int[] indices, int batchSize, int maxBatches, Path path) {
        if (indices.length < batchSize) {
            throw new IllegalArgumentException("measuring needs at least one full batch: " + indices.length
                    + " images for batch size " + batchSize);
        }
        this.data = data;
        this.indices = indices.clone();
        this.batchSize = batchSize;
        int full = indices.length / batchSize;
        this.batches = maxBatches <= 0 ? full : Math.min(full, maxBatches);
        this.path = Objects.requireNonNull(path, "path");
    }

    /** Which path computes the accuracies. */
    public Path path() {
        return path;
    }

    /** Images each accuracy is measured on (full batches only). */
    public int images() {
        return batches * batchSize;
    }

    /** One way to perturb the supernet: a change to its edge decisions, undone after measuring. */
    public record Perturbation(String label, Consumer<EdgeDecisions> apply, boolean changesNothing) {

        /** Op {@code op} of the edge at weight 0, the others unchanged (PT's op removal). */
        public static Perturbation mask(CellType type, int edge, String op) {
            return new Perturbation(op, d -> d.mask(type, edge, op), SearchSpace.NONE.equals(op));
        }

        /** The edge computing only {@code op} (operation strength). */
        public static Perturbation commit(CellType type, int edge, String op) {
            return new Perturbation(op, d -> d.commit(type, edge, op), false);
        }

        /** The edge removed from its node (PT's topology step). */
        public static Perturbation drop(CellType type, int edge, String label) {
            return new Perturbation(label, d -> d.drop(type, edge), false);
        }
    }

    /**
     * @param baseline   accuracy with nothing perturbed
     * @param accuracies accuracy under each perturbation, in order
     */
    public record Measurement(double baseline, double[] accuracies) {
    }

    /**
     * Measures every perturbation. All of them must only touch edges entering {@code node} of {@code type} cells;
     * the supernet's decisions are the same afterwards as before.
     */
    public Measurement measure(Supernet net, CellType type, int node, List<Perturbation> perturbations) {
        return path == Path.FAST ? fast(net, type, node, perturbations) : naive(net, perturbations);
    }

    private Measurement naive(Supernet net, List<Perturbation> perturbations) {
        SupernetEvaluator eval = new SupernetEvaluator(data, indices, batchSize, batches);
        EdgeDecisions d = net.arch().decisions();
        double base = eval.evaluate(net, ForwardMode.BATCH_STATS).accuracy();
        double[] acc = new double[perturbations.size()];
        for (int i = 0; i < acc.length; i++) {
            EdgeDecisions.Snapshot before = d.snapshot();
            try {
                perturbations.get(i).apply().accept(d);
                acc[i] = eval.evaluate(net, ForwardMode.BATCH_STATS).accuracy();
            } finally {
                d.restore(before);
            }
        }
        return new Measurement(base, acc);
    }

    private Measurement fast(Supernet net, CellType type, int node, List<Perturbation> perturbations) {
        EdgeDecisions d = net.arch().decisions();
        long baseCorrect = 0;
        long[] correct = new long[perturbations.size()];
        try (AutoCloseable noGrad = Gradients.noGrad(); NDScope scope = new NDScope()) {
            ForwardWeights base = ForwardWeights.of(net.arch());
            ForwardWeights[] perturbed = new ForwardWeights[perturbations.size()];
            for (int i = 0; i < perturbed.length; i++) {
                if (perturbations.get(i).changesNothing()) {
                    continue;
                }
                EdgeDecisions.Snapshot before = d.snapshot();
                try {
                    perturbations.get(i).apply().accept(d);
                    perturbed[i] = ForwardWeights.of(net.arch());
                } finally {
                    d.restore(before);
                }
            }
            for (int b = 0; b < batches; b++) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new TrainingInterruptedException("measurement interrupted after " + b + " batches");
                }
                try (NDScope step = new NDScope()) {
                    Batch batch = Batch.load(net.manager(), data, indices, b * batchSize, batchSize);
                    CachedPrefix prefix = CachedPrefix.of(net, batch.images(), type, node, base, ForwardMode.BATCH_STATS);
                    long hits;
                    // each forward's activations are freed as soon as it is counted
                    try (NDScope baseScope = new NDScope()) {
                        hits = Losses.correct(prefix.baseLogits(), batch.labels());
                    }
                    baseCorrect += hits;
                    for (int i = 0; i < perturbed.length; i++) {
                        if (perturbed[i] == null) {
                            correct[i] += hits;
                        } else {
                            try (NDScope trial = new NDScope()) {
                                NDArray logits = prefix.logits(perturbed[i]);
                                correct[i] += Losses.correct(logits, batch.labels());
                            }
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        double n = images();
        double[] acc = new double[correct.length];
        for (int i = 0; i < acc.length; i++) {
            acc[i] = correct[i] / n;
        }
        return new Measurement(baseCorrect / n, acc);
    }
}
