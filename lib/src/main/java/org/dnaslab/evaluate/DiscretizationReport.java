package org.dnaslab.evaluate;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Objects;

/**
 * The discretization error of one method on one supernet (DESIGN.md §4): the supernet's accuracy and the discrete
 * network's with inherited weights, both on the same images in batch-statistics mode, and the discrete network's
 * after {@code fineTuneEpochs} of tuning in all, of which {@code selectionTuneEpochs} were the selector's own (PT
 * tunes the supernet between its decisions; comparisons give every method the same total).
 *
 * @param method              what produced the architecture ("magnitude", "pt", "single-stage", ...)
 * @param architecture        the architecture's text (NB201 string or DARTS genotype)
 * @param supernetAccuracy    the supernet before discretization
 * @param discretizedAccuracy the discrete network with inherited weights, no tuning
 * @param fineTunedAccuracy   the discrete network after fine-tuning (NaN when not measured)
 * @param fineTuneEpochs      epochs of tuning behind {@code fineTunedAccuracy}, the selector's own included (0 when
 *                            not measured)
 * @param seconds             wall time of the selection
 * @param parameterFreeShare  share of the kept edges with a parameter-free op
 * @param skipShare           share of the kept edges with a skip connection
 * @param images              how many images each accuracy is over
 * @param selectionTuneEpochs epochs the selector itself tuned the supernet while selecting (PT's tuning between
 *                            decisions; 0 for magnitude)
 */
public record DiscretizationReport(String method, String architecture, double supernetAccuracy,
                                   double discretizedAccuracy, double fineTunedAccuracy, int fineTuneEpochs,
                                   double seconds, double parameterFreeShare, double skipShare, long images,
                                   int selectionTuneEpochs) {
    /** Requires the method's name and the architecture. */
    public DiscretizationReport {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(architecture, "architecture");
    }

    /** A report of a selector that did no tuning of its own. */
    public DiscretizationReport(String method, String architecture, double supernetAccuracy,
                                double discretizedAccuracy, double fineTunedAccuracy, int fineTuneEpochs,
                                double seconds, double parameterFreeShare, double skipShare, long images) {
        this(method, architecture, supernetAccuracy, discretizedAccuracy, fineTunedAccuracy, fineTuneEpochs, seconds,
                parameterFreeShare, skipShare, images, 0);
    }

    /** The discretization error: supernet accuracy − discretized accuracy (inherited weights). */
    public double gap() {
        return supernetAccuracy - discretizedAccuracy;
    }

    /** Supernet accuracy − accuracy after fine-tuning (NaN when not measured). */
    public double gapAfterFineTune() {
        return supernetAccuracy - fineTunedAccuracy;
    }

    /** This report as a one-row table (see {@link #table(List)}). */
    public Table table() {
        return table(List.of(this));
    }

    /**
     * One row per report: method, architecture, supernetAcc, discretizedAcc, gap, selectionTuneEpochs, fineTunedAcc,
     * fineTuneEpochs, gapAfterFineTune, seconds, paramFreeShare, skipShare, images.
     */
    public static Table table(List<DiscretizationReport> reports) {
        StringColumn method = StringColumn.create("method");
        StringColumn arch = StringColumn.create("architecture");
        DoubleColumn supernet = DoubleColumn.create("supernetAcc");
        DoubleColumn discretized = DoubleColumn.create("discretizedAcc");
        DoubleColumn gap = DoubleColumn.create("gap");
        IntColumn selectionEpochs = IntColumn.create("selectionTuneEpochs");
        DoubleColumn tuned = DoubleColumn.create("fineTunedAcc");
        IntColumn epochs = IntColumn.create("fineTuneEpochs");
        DoubleColumn tunedGap = DoubleColumn.create("gapAfterFineTune");
        DoubleColumn seconds = DoubleColumn.create("seconds");
        DoubleColumn free = DoubleColumn.create("paramFreeShare");
        DoubleColumn skip = DoubleColumn.create("skipShare");
        IntColumn images = IntColumn.create("images");
        for (DiscretizationReport r : reports) {
            method.append(r.method());
            arch.append(r.architecture());
            supernet.append(r.supernetAccuracy());
            discretized.append(r.discretizedAccuracy());
            gap.append(r.gap());
            selectionEpochs.append(r.selectionTuneEpochs());
            tuned.append(r.fineTunedAccuracy());
            epochs.append(r.fineTuneEpochs());
            tunedGap.append(r.gapAfterFineTune());
            seconds.append(r.seconds());
            free.append(r.parameterFreeShare());
            skip.append(r.skipShare());
            images.append((int) r.images());
        }
        return Table.create("discretization", method, arch, supernet, discretized, gap, selectionEpochs, tuned, epochs, tunedGap, seconds,
                free, skip, images);
    }
}
