package org.dnaslab.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One step case of {@code ./lab bench}: this side and the PyTorch reference in each memory layout it ran in, with
 * times, peak resident memory and CPU steal of each. The headline ratio is against the faster reference layout.
 *
 * @param name       the case
 * @param ours       this side
 * @param references the reference by layout ({@link #NCHW}, {@link #CHANNELS_LAST}), in the order they ran
 * @param flops      FLOPs per step as the reference counts them (bench/MODEL.md), or NaN
 */
public record StepRow(String name, Side ours, Map<String, Side> references, double flops) {
    /** PyTorch's default layout, what a user writes first. */
    public static final String NCHW = "nchw";
    /** {@code torch.channels_last}, the layout this project uses by default. */
    public static final String CHANNELS_LAST = "channels-last";

    /**
     * One side of a case.
     *
     * @param times   step wall times in ms
     * @param peakMiB peak resident memory (VmHWM) of the process that ran the case, or NaN
     * @param steal   percent of CPU time stolen by the hypervisor while the case ran, or NaN
     */
    public record Side(Medians times, double peakMiB, double steal) {
        public Side {
            Objects.requireNonNull(times, "times");
        }
    }

    public StepRow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ours, "ours");
        references = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(references));
    }

    /** The reference layout with the lower median step time, or null if no reference ran. */
    public String fasterLayout() {
        String best = null;
        for (Map.Entry<String, Side> e : references.entrySet()) {
            double m = e.getValue().times().median();
            if (Double.isFinite(m) && (best == null || m < references.get(best).times().median())) {
                best = e.getKey();
            }
        }
        return best;
    }

    /** Our median over the reference's in {@code layout}; NaN if that layout did not run. */
    public double ratio(String layout) {
        Side r = references.get(layout);
        return r == null ? Double.NaN : ours.times().median() / r.times().median();
    }

    /**
     * The spread of {@link #ratio}: [our p10 / their p90, our p90 / their p10], the ratios the two sides' deciles
     * allow; {NaN, NaN} if that layout did not run.
     */
    public double[] ratioRange(String layout) {
        Side r = references.get(layout);
        if (r == null) {
            return new double[] {Double.NaN, Double.NaN};
        }
        return new double[] {ours.times().p10() / r.times().p90(), ours.times().p90() / r.times().p10()};
    }

    /** The headline: our median over the faster reference layout's (NaN without a reference). */
    public double headline() {
        String f = fasterLayout();
        return f == null ? Double.NaN : ratio(f);
    }

    /** Our peak memory over the lowest reference peak (the memory goal compares against the leaner layout). */
    public double memoryRatio() {
        double lowest = references.values().stream().mapToDouble(Side::peakMiB).filter(Double::isFinite).min()
                .orElse(Double.NaN);
        return ours.peakMiB() / lowest;
    }
}
