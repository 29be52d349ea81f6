package org.dnaslab.bench;

import java.util.List;
import java.util.Locale;

/** The step cases of {@code ./lab bench} as one plain-text table, with a legend of how to read it. */
public final class StepTable {
    private static final String HEADER = String.format(Locale.ROOT,
            "%-14s %16s %16s %16s %19s %19s %13s %18s %6s %15s",
            "case", "dnaslab ms", "torch NCHW ms", "torch CL ms", "vs NCHW", "vs CL", "headline",
            "peak MiB us/N/CL", "mem", "steal % us/N/CL");

    private StepTable() {
    }

    /** The table: a header, one line per row, and the legend. */
    public static String format(List<StepRow> rows) {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        for (StepRow r : rows) {
            b.append(line(r)).append('\n');
        }
        b.append("(medians ± half the p10–p90 spread; vs X = our median / the reference's in layout X, in brackets the"
                + " range our p10/their p90 .. our p90/their p10; headline = vs the faster reference layout, marked N or"
                + " CL; peak = each side's peak resident memory (VmHWM) of the process that ran the case; mem = our peak"
                + " / the lower reference peak; steal = CPU time the hypervisor gave to other guests during each side's"
                + " case: compare only where all are low)\n");
        return b.toString();
    }

    /** One row of the table. */
    public static String line(StepRow r) {
        StepRow.Side n = r.references().get(StepRow.NCHW);
        StepRow.Side cl = r.references().get(StepRow.CHANNELS_LAST);
        String faster = r.fasterLayout();
        String mark = faster == null ? "" : faster.equals(StepRow.NCHW) ? " N" : " CL";
        return String.format(Locale.ROOT, "%-14s %16s %16s %16s %19s %19s %13s %18s %6s %15s",
                r.name(), time(r.ours()), time(n), time(cl), ratio(r, StepRow.NCHW), ratio(r, StepRow.CHANNELS_LAST),
                faster == null ? "—" : String.format(Locale.ROOT, "%.2f%s", r.headline(), mark),
                mib(r.ours()) + "/" + mib(n) + "/" + mib(cl),
                Double.isNaN(r.memoryRatio()) ? "—" : String.format(Locale.ROOT, "%.2f", r.memoryRatio()),
                steal(r.ours()) + "/" + steal(n) + "/" + steal(cl));
    }

    private static String time(StepRow.Side s) {
        if (s == null) {
            return "—";
        }
        return String.format(Locale.ROOT, "%.1f ±%.0f", s.times().median(), s.times().halfSpread());
    }

    private static String ratio(StepRow r, String layout) {
        if (!r.references().containsKey(layout)) {
            return "—";
        }
        double[] range = r.ratioRange(layout);
        return String.format(Locale.ROOT, "%.2f [%.2f–%.2f]", r.ratio(layout), range[0], range[1]);
    }

    private static String mib(StepRow.Side s) {
        return s == null ? "—" : String.format(Locale.ROOT, "%.0f", s.peakMiB());
    }

    private static String steal(StepRow.Side s) {
        return s == null ? "—" : String.format(Locale.ROOT, "%.1f", s.steal());
    }
}
