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
 * after {@code fineTuneEpochs} of fine-tuning.
 *
 * @param method              what produced the architecture ("magnitude", "pt", "single-stage", ...)
 * @param architecture        the architecture's text (NB201 string or DARTS genotype)
 * @param supernetAccuracy    the supernet before discretization
 * @param discretizedAccuracy the discrete network with inherited weights, no tuning
 * @param fineTunedAccuracy   the discrete network after fine-tuning (NaN when not measured)
 * @param fineTuneEpochs      epochs of that fine-tuning (0 when not measured)
 * @param seconds             wall time of the selection
 * @param parameterFreeShare  share of the kept edges with a parameter-free op
 * @param skipShare           share of the kept edges with a skip connection
 * @param images              how many images each accuracy is over
 */
public record DiscretizationReport(String method, String architecture, double supernetAccuracy,
                                   double discretizedAccuracy, double fineTunedAccuracy, int fineTuneEpochs,
                                   double seconds, double parameterFreeShare, double skipShare, long images) {
    public DiscretizationReport {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(architecture, "architecture");
    }

    /** The discretization error: supernet accuracy − discretized accuracy (inherited weights). */
    public double gap() {
        return supernetAccuracy - discretizedAccuracy;
    }

    /** Supernet accuracy − accuracy after fine-tuning (NaN when not measured). */
    public double gapAfterFineTune() {
        return supernetAccuracy - fineTunedAccuracy;
    }

    public Table table() {
        return table(List.of(this));
    }

    /**
     * One row per report: method, architecture, supernetAcc, discretizedAcc, gap, fineTunedAcc, fineTuneEpochs,
     * gapAfterFineTune, seconds, paramFreeShare, skipShare, images.
     */
    public static Table table(List<DiscretizationReport> reports) {
        StringColumn method = StringColumn.create("method");
        StringColumn arch = StringColumn.create("architecture");
        DoubleColumn supernet = DoubleColumn.create("supernetAcc");
        DoubleColumn discretized = DoubleColumn.create("discretizedAcc");
        DoubleColumn gap = DoubleColumn.create("gap");
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
            tuned.append(r.fineTunedAccuracy());
            epochs.append(r.fineTuneEpochs());
            tunedGap.append(r.gapAfterFineTune());
            seconds.append(r.seconds());
            free.append(r.parameterFreeShare());
            skip.append(r.skipShare());
            images.append((int) r.images());
        }
        return Table.create("discretization", method, arch, supernet, discretized, gap, tuned, epochs, tunedGap, seconds,
                free, skip, images);
    }
}
