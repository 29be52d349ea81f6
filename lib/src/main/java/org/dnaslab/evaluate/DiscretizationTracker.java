package org.dnaslab.evaluate;

import org.dnaslab.data.ImageDataset;
import org.dnaslab.search.EpochMetrics;
import org.dnaslab.search.SearchListener;
import org.dnaslab.search.SupernetEvaluator;
import org.dnaslab.supernet.MagnitudeDiscretization;
import org.dnaslab.space.Architecture;
import org.dnaslab.space.CellType;
import org.dnaslab.space.SearchSpace;
import org.dnaslab.supernet.Supernet;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows the discretization problem through a search (DESIGN.md §4): every {@code every} epochs, the supernet's
 * accuracy, the magnitude-discretized network's accuracy with inherited weights and their gap, the entropy of
 * softmax(α) on each edge, and the share of parameter-free ops and of skip connections in the magnitude
 * architecture. Measuring changes nothing in the search (batch statistics, no gradients, decisions restored).
 *
 * <pre>{@code
 * DiscretizationTracker tracker = new DiscretizationTracker(2, data, valIndices, 64, 4);
 * DartsSearch search = DartsSearch.builder(config).addListener(tracker).build();
 * tracker.attach(search.supernet());
 * search.run(data);
 * Table t = tracker.table();
 * }</pre>
 */
public final class DiscretizationTracker implements SearchListener {
    private final int every;
    private final SupernetEvaluator evaluator;
    private final List<Point> points = new ArrayList<>();
    private Supernet net;

    /**
     * @param every      measure after every n-th epoch (and never between)
     * @param indices    images of {@code data} to measure on (e.g. the search's validation half)
     * @param maxBatches 0 = all full batches of {@code indices}
     */
    public DiscretizationTracker(int every, ImageDataset data, int[] indices, int batchSize, int maxBatches) {
        if (every < 1) {
            throw new IllegalArgumentException("every must be >= 1, got " + every);
        }
        this.every = every;
        this.evaluator = new SupernetEvaluator(data, indices, batchSize, maxBatches);
    }

    /** The supernet to measure: the search's, once it is built. */
    public DiscretizationTracker attach(Supernet supernet) {
        this.net = supernet;
        return this;
    }

    @Override
    public void onEpoch(EpochMetrics epoch) {
        if ((epoch.epoch() + 1) % every != 0) {
            return;
        }
        if (net == null) {
            throw new IllegalStateException("DiscretizationTracker: attach(search.supernet()) before running the search");
        }
        points.add(measure(epoch.epoch()));
    }

    /** Measures now; {@code epoch} is only recorded. */
    public Point measure(int epoch) {
        Architecture a = MagnitudeDiscretization.of(net.arch());
        DiscretizationReport r = new DiscretizationAnalysis(evaluator).measure("magnitude", net, a, 0);
        SearchSpace space = net.space();
        Map<String, double[]> entropy = new LinkedHashMap<>();
        double sum = 0;
        int n = 0;
        for (CellType t : space.cellTypes()) {
            double[] h = net.arch().entropy(t);
            entropy.put(t.key(), h);
            for (double v : h) {
                sum += v;
                n++;
            }
        }
        return new Point(epoch, r.supernetAccuracy(), r.discretizedAccuracy(), sum / n, entropy,
                a.parameterFreeShare(), a.skipShare(), r.architecture());
    }

    /** The measurements so far, one per tracked epoch, in epoch order. */
    public List<Point> points() {
        return List.copyOf(points);
    }

    /**
     * Columns: epoch (1-based: the row after the first epoch says 1, as every chart counts), supernetAcc, discretizedAcc, gap, meanEntropy, paramFreeShare, skipShare, architecture, then
     * one entropy column per cell type and edge ({@code "H normal 2<-1"}).
     */
    public Table table() {
        IntColumn epoch = IntColumn.create("epoch");
        DoubleColumn sup = DoubleColumn.create("supernetAcc");
        DoubleColumn dis = DoubleColumn.create("discretizedAcc");
        DoubleColumn gap = DoubleColumn.create("gap");
        DoubleColumn mean = DoubleColumn.create("meanEntropy");
        DoubleColumn free = DoubleColumn.create("paramFreeShare");
        DoubleColumn skip = DoubleColumn.create("skipShare");
        StringColumn arch = StringColumn.create("architecture");
        Map<String, DoubleColumn> perEdge = new LinkedHashMap<>();
        for (Point p : points) {
            epoch.append(p.epoch() + 1);
            sup.append(p.supernetAccuracy());
            dis.append(p.discretizedAccuracy());
            gap.append(p.gap());
            mean.append(p.meanEntropy());
            free.append(p.parameterFreeShare());
            skip.append(p.skipShare());
            arch.append(p.architecture());
            SearchSpace space = net.space();
            p.entropy().forEach((cell, h) -> {
                for (int e = 0; e < h.length; e++) {
                    String name = "H " + cell + " " + space.edges().get(e);
                    perEdge.computeIfAbsent(name, DoubleColumn::create).append(h[e]);
                }
            });
        }
        Table t = Table.create("discretization over search", epoch, sup, dis, gap, mean, free, skip, arch);
        perEdge.values().forEach(t::addColumns);
        return t;
    }

    /**
     * One measurement.
     *
     * @param epoch   0-based epoch after which it was taken
     * @param entropy per cell type key, the entropy (nats) of softmax(α) on each edge
     */
    public record Point(int epoch, double supernetAccuracy, double discretizedAccuracy, double meanEntropy,
                        Map<String, double[]> entropy, double parameterFreeShare, double skipShare,
                        String architecture) {
        /** Supernet accuracy minus discretized accuracy: the discretization gap at this epoch. */
        public double gap() {
            return supernetAccuracy - discretizedAccuracy;
        }
    }
}
