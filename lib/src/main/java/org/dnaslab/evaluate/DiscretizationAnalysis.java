package org.dnaslab.evaluate;

import org.dnaslab.data.ImageDataset;
import org.dnaslab.ops.ForwardMode;
import org.dnaslab.search.SupernetEvaluator;
import org.dnaslab.select.FineTuner;
import org.dnaslab.space.Architecture;
import org.dnaslab.supernet.EdgeDecisions;
import org.dnaslab.supernet.Supernet;
import org.dnaslab.supernet.SupernetSnapshot;

import java.util.Objects;

/**
 * Measures the discretization error of an architecture on a supernet: the supernet as it is, the same network with
 * every edge committed to the architecture's op and the unkept edges dropped (inherited weights), and optionally
 * that discrete network after fine-tuning. Side-effect free: the supernet's decisions, weights and statistics are
 * as before afterwards.
 */
public final class DiscretizationAnalysis {
    private final SupernetEvaluator evaluator;
    private final FineTuner tuner;
    private final ImageDataset tuneData;
    private final int[] tuneImages;

    /**
     * @param evaluator  the images every accuracy is measured on (batch statistics)
     * @param tuner      fine-tuning of the discrete network, or null for none
     * @param tuneData   what the fine-tuning trains on (ignored without a tuner)
     * @param tuneImages indices of {@code tuneData} to train on
     */
    public DiscretizationAnalysis(SupernetEvaluator evaluator, FineTuner tuner, ImageDataset tuneData, int[] tuneImages) {
        this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
        this.tuner = tuner;
        this.tuneData = tuneData;
        this.tuneImages = tuneImages == null ? null : tuneImages.clone();
        if (tuner != null && (tuneData == null || tuneImages == null)) {
            throw new IllegalArgumentException("fine-tuning needs its data and image indices");
        }
        if (tuner != null && tuner.alphaSteps()) {
            throw new IllegalArgumentException("a discrete network has no architecture to train: use a weights-only"
                    + " fine-tuner");
        }
    }

    /** Without fine-tuning. */
    public DiscretizationAnalysis(SupernetEvaluator evaluator) {
        this(evaluator, null, null, null);
    }

    /**
     * Accuracy of {@code net} as it stands on the evaluator's images, with batch statistics (as every accuracy here).
     */
    public double accuracy(Supernet net) {
        return evaluator.evaluate(net, ForwardMode.BATCH_STATS).accuracy();
    }

    /** Supernet accuracy as it is now (its decisions included), then the discretized and fine-tuned ones. */
    public DiscretizationReport measure(String method, Supernet net, Architecture architecture, double seconds) {
        return measure(method, accuracy(net), net, architecture, seconds);
    }

    /** As {@link #measure(String, Supernet, Architecture, double)} with a supernet accuracy measured earlier. */
    public DiscretizationReport measure(String method, double supernetAccuracy, Supernet net, Architecture architecture,
                                        double seconds) {
        EdgeDecisions d = net.arch().decisions();
        EdgeDecisions.Snapshot before = d.snapshot();
        SupernetEvaluator.Result discretized;
        double tuned = Double.NaN;
        try {
            d.commit(architecture);
            discretized = evaluator.evaluate(net, ForwardMode.BATCH_STATS);
            if (tuner != null && tuner.epochs() > 0) {
                try (SupernetSnapshot weights = SupernetSnapshot.of(net)) {
                    try {
                        tuner.tune(net, tuneData, tuneImages, null);
                        tuned = accuracy(net);
                    } finally {
                        weights.restore();
                    }
                }
            }
        } finally {
            d.restore(before);
        }
        return new DiscretizationReport(method, architecture.toText(), supernetAccuracy, discretized.accuracy(),
                tuned,
                tuner == null ? 0 : tuner.epochs(), seconds, architecture.parameterFreeShare(),
                architecture.skipShare(), discretized.images());
    }
}
