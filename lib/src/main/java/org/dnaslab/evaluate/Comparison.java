package org.dnaslab.evaluate;

import org.dnaslab.search.SupernetEvaluator;
import org.dnaslab.select.ArchitectureSelector;
import org.dnaslab.select.FineTuner;
import org.dnaslab.select.Selection;
import org.dnaslab.select.SelectionContext;
import org.dnaslab.select.SingleStageProtocol;
import org.dnaslab.supernet.Supernet;
import org.dnaslab.supernet.SupernetSnapshot;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs selectors on trained supernets and gathers their discretization reports in one table. Each selector starts
 * from the supernet as it was handed in and leaves it so (a snapshot is restored afterwards), so magnitude, PT and
 * others compare on the same trained weights; supernets trained differently (DA2S, another seed) join the same
 * table through their own {@link SelectionContext}, and the single-stage protocol through
 * {@link #add(SingleStageProtocol.Result)}.
 *
 * <p>Fair by construction (DESIGN.md §4), because PT tunes the supernet between its decisions and magnitude does not:
 * <ul>
 *   <li>{@code discretizedAcc}: every selector's architecture on the trained supernet's weights, no tuning: the same
 *       weights for every row, whatever tuning a selector did while choosing;</li>
 *   <li>{@code fineTunedAcc}: after the same total number of tuning epochs for every row, the tuner's
 *       {@link FineTuner#epochs()}: a selector's own tuning counts ({@code selectionTuneEpochs}), the weights-only
 *       tuner of the discrete network does the rest, starting from the weights the selector left. A selector that
 *       tunes more than that total is refused. {@link #equalTuning} sizes the total for a set of selectors.</li>
 * </ul>
 *
 * <p>Accuracies are measured on {@code heldOut} when given (fine-tuning then uses all of a context's training
 * images), else on each context's held-out split images (fine-tuning then uses only its weight split).
 */
public final class Comparison {
    private final SupernetEvaluator heldOut;
    private final FineTuner tuner;
    private final List<DiscretizationReport> reports = new ArrayList<>();
    private final List<Selection> selections = new ArrayList<>();

    /**
     * @param heldOut images to measure on, or null for each context's held-out split images
     * @param tuner   weights-only tuning of each discrete network, its epochs the total tuning every row gets (the
     *                selector's own included), or null for none
     */
    private Comparison(SupernetEvaluator heldOut, FineTuner tuner) {
        this.heldOut = heldOut;
        this.tuner = tuner;
    }

    /**
     * A comparison without fine-tuning ({@code fineTunedAcc} stays missing), measured on each context's held-out
     * split images; also the table a single-stage run joins through {@link #add(SingleStageProtocol.Result)}.
     */
    public static Comparison untuned() {
        return new Comparison(null, null);
    }

    /**
     * A comparison where every row gets {@code tuner.epochs()} tuning epochs in all (a selector's own tuning
     * counts), measured on each context's held-out split images; fine-tuning uses the weight split.
     */
    public static Comparison tunedBy(FineTuner tuner) {
        return new Comparison(null, Objects.requireNonNull(tuner, "comparison: tuner"));
    }

    /**
     * A comparison measured on the images of {@code heldOut} (fine-tuning then uses all of a context's training
     * images), tuned by {@code tuner}.
     */
    public static Comparison on(SupernetEvaluator heldOut, FineTuner tuner) {
        return new Comparison(Objects.requireNonNull(heldOut, "comparison: heldOut"),
                Objects.requireNonNull(tuner, "comparison: tuner"));
    }

    /**
     * The total tuning epochs that gives every selector the same tuning on {@code ctx}: the most any of them tunes
     * while selecting, plus {@code after} epochs of tuning of the discrete network.
     */
    public static int equalTuning(SelectionContext ctx, int after, ArchitectureSelector... selectors) {
        if (after < 0) {
            throw new IllegalArgumentException("tuning epochs after selection must be >= 0, got " + after);
        }
        int most = 0;
        for (ArchitectureSelector s : selectors) {
            most = Math.max(most, s.tuningEpochs(ctx));
        }
        return most + after;
    }

    /** {@link #run(String, SelectionContext, ArchitectureSelector)} with the selector's own name as the label. */
    public DiscretizationReport run(SelectionContext ctx, ArchitectureSelector selector) {
        return run(selector.name(), ctx, selector);
    }

    /** Selects with {@code selector} on the context's supernet, measures, and puts the supernet back as it was. */
    public DiscretizationReport run(String label, SelectionContext ctx, ArchitectureSelector selector) {
        Supernet net = ctx.supernet();
        SupernetEvaluator eval = heldOut != null ? heldOut : ctx.validation(0);
        int[] tuneImages = heldOut != null ? all(ctx.data().size()) : ctx.split().train();
        int own = selector.tuningEpochs(ctx);
        if (tuner != null && own > tuner.epochs()) {
            throw new IllegalArgumentException(label + " tunes the supernet for " + own + " epochs while selecting, more"
                    + " than this comparison's total of " + tuner.epochs() + " tuning epochs per row; give the"
                    + " comparison a tuner of at least " + own + " epochs (Comparison.equalTuning)");
        }
        try (SupernetSnapshot before = SupernetSnapshot.of(net)) {
            try {
                double supernetAcc = new DiscretizationAnalysis(eval).accuracy(net);
                Selection s = selector.select(ctx);
                double tuned = Double.NaN;
                if (tuner != null) {
                    // from the weights the selector left: its own tuning counts towards the total
                    tuned = tunedAccuracy(eval, ctx, tuneImages, net, s, tuner.epochs() - s.tuningEpochs());
                }
                before.restore();
                // every architecture on the trained supernet's weights: the same weights for every row
                DiscretizationReport r = new DiscretizationAnalysis(eval).measure(label, supernetAcc, net,
                        s.architecture(), s.seconds());
                r = new DiscretizationReport(r.method(), r.architecture(), r.supernetAccuracy(),
                        r.discretizedAccuracy(), tuned, tuner == null ? 0 : tuner.epochs(), r.seconds(),
                        r.parameterFreeShare(), r.skipShare(), r.images(), s.tuningEpochs());
                reports.add(r);
                selections.add(s);
                return r;
            } finally {
                before.restore();
            }
        }
    }

    private double tunedAccuracy(SupernetEvaluator eval, SelectionContext ctx, int[] tuneImages, Supernet net,
                                 Selection s, int epochs) {
        if (epochs < 0) {
            throw new IllegalStateException(s.method() + " tuned " + s.tuningEpochs() + " epochs while selecting, more"
                    + " than it announced and than this comparison's total of " + tuner.epochs());
        }
        if (epochs == 0) {
            return new DiscretizationAnalysis(eval).measure(s.method(), Double.NaN, net, s.architecture(), 0)
                    .discretizedAccuracy();
        }
        return new DiscretizationAnalysis(eval, tuner.withEpochs(epochs), ctx.data(), tuneImages)
                .measure(s.method(), Double.NaN, net, s.architecture(), 0).fineTunedAccuracy();
    }

    /**
     * Adds a single-stage run as two rows: "single-stage" (fine-tuned = the network at the end of the run) and
     * "two-stage" (fine-tuned = the same architecture trained from fresh weights for the same epochs).
     * Its accuracies are on the held-out images the protocol was given.
     */
    public List<DiscretizationReport> add(SingleStageProtocol.Result r) {
        Selection s = r.selection();
        String arch = s.architecture().toText();
        int epochs = r.totalEpochs() - r.freezeEpoch();
        double free = s.architecture().parameterFreeShare();
        double skip = s.architecture().skipShare();
        String tag = "(" + s.method() + ", freeze " + r.freezeEpoch() + "/" + r.totalEpochs() + ", " + r.split() + ")";
        List<DiscretizationReport> rows = new ArrayList<>();
        rows.add(new DiscretizationReport("single-stage" + tag, arch, r.supernetAccuracy(), r.discretizedAccuracy(),
                r.finalAccuracy(), epochs, s.seconds(), free, skip, r.images()));
        if (!Double.isNaN(r.twoStageAccuracy())) {
            rows.add(new DiscretizationReport("two-stage" + tag, arch, r.supernetAccuracy(), r.discretizedAccuracy(),
                    r.twoStageAccuracy(), epochs, s.seconds(), free, skip, r.images()));
        }
        rows.forEach(this::add);
        return rows;
    }

    /** Adds a row measured elsewhere (for instance by another comparison) to this table. */
    public void add(DiscretizationReport report) {
        reports.add(report);
    }

    /** The rows so far, in the order they were added. */
    public List<DiscretizationReport> reports() {
        return List.copyOf(reports);
    }

    /** The selections made by {@link #run}, in order (decision logs included). */
    public List<Selection> selections() {
        return List.copyOf(selections);
    }

    /** The rows as one table (see {@link DiscretizationReport#table(List)}). */
    public Table table() {
        return DiscretizationReport.table(reports);
    }

    private static int[] all(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }
}
