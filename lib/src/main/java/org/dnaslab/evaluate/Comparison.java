package org.dnaslab.evaluate;

import org.dnaslab.search.SupernetEvaluator;
import org.dnaslab.select.ArchitectureSelector;
import org.dnaslab.select.Discretization;
import org.dnaslab.select.FineTuner;
import org.dnaslab.select.Selection;
import org.dnaslab.select.SelectionContext;
import org.dnaslab.select.SingleStageProtocol;
import org.dnaslab.supernet.Supernet;
import org.dnaslab.supernet.SupernetSnapshot;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs selectors on trained supernets and gathers their discretization reports in one table. Each selector starts
 * from the supernet as it was handed in and leaves it so (a snapshot is restored afterwards), so magnitude, PT and
 * others compare on the same trained weights; supernets trained differently (DA2S, another seed) join the same
 * table through their own {@link SelectionContext}, and the single-stage protocol through
 * {@link #add(SingleStageProtocol.Result)}.
 *
 * <p>Accuracies are measured on {@code heldOut} when given (fine-tuning then uses all of a context's training
 * images), else on each context's validation split (fine-tuning then uses only its weight split).
 */
public final class Comparison {
    private final SupernetEvaluator heldOut;
    private final FineTuner tuner;
    private final List<DiscretizationReport> reports = new ArrayList<>();
    private final List<Selection> selections = new ArrayList<>();

    /**
     * @param heldOut images to measure on, or null for each context's validation split
     * @param tuner   weights-only fine-tuning of each discrete network, or null for none
     */
    public Comparison(SupernetEvaluator heldOut, FineTuner tuner) {
        this.heldOut = heldOut;
        this.tuner = tuner;
    }

    public DiscretizationReport run(SelectionContext ctx, ArchitectureSelector selector) {
        return run(selector.name(), ctx, selector);
    }

    /** Selects with {@code selector} on the context's supernet, measures, and puts the supernet back as it was. */
    public DiscretizationReport run(String label, SelectionContext ctx, ArchitectureSelector selector) {
        Supernet net = ctx.supernet();
        SupernetEvaluator eval = heldOut != null ? heldOut : ctx.validation(0);
        int[] tuneImages = heldOut != null ? all(ctx.data().size()) : ctx.split().train();
        DiscretizationAnalysis analysis = new DiscretizationAnalysis(eval, tuner, ctx.data(), tuneImages);
        try (SupernetSnapshot before = SupernetSnapshot.of(net)) {
            try {
                double supernetAcc = analysis.accuracy(net);
                Selection s = selector.select(ctx);
                DiscretizationReport r = analysis.measure(label, supernetAcc, net, s.architecture(), s.seconds());
                reports.add(r);
                selections.add(s);
                return r;
            } finally {
                before.restore();
            }
        }
    }

    /**
     * Adds a single-stage run as two rows: "single-stage" (fine-tuned = the network at the end of the run) and
     * "two-stage" (fine-tuned = the same architecture trained from fresh weights for the same epochs).
     * Its accuracies are on the held-out images the protocol was given.
     */
    public List<DiscretizationReport> add(SingleStageProtocol.Result r) {
        Selection s = r.selection();
        String arch = Discretization.text(s.architecture());
        int epochs = r.totalEpochs() - r.freezeEpoch();
        double free = Discretization.parameterFreeShare(s.architecture());
        double skip = Discretization.skipShare(s.architecture());
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

    public void add(DiscretizationReport report) {
        reports.add(report);
    }

    public List<DiscretizationReport> reports() {
        return List.copyOf(reports);
    }

    /** The selections made by {@link #run}, in order (decision logs included). */
    public List<Selection> selections() {
        return List.copyOf(selections);
    }

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
