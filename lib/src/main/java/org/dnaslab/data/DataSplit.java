package org.dnaslab.data;

/**
 * Indices into a training dataset: the part for weight steps ({@code train}), the part for architecture steps
 * ({@code val}), and the part measurements use ({@code heldOut}: supernet accuracy, discretization gaps, PT's
 * scores), which no weight step of the run ever trains on, in this epoch or any other. With a fixed split the
 * held-out images are the architecture half; a split re-drawn every epoch sets them aside once for the whole run.
 * Arrays are not copied; treat them as read-only.
 */
public record DataSplit(int[] train, int[] val, int[] heldOut) {
    public DataSplit {
        java.util.Objects.requireNonNull(train, "train");
        java.util.Objects.requireNonNull(val, "val");
        java.util.Objects.requireNonNull(heldOut, "heldOut");
    }

    /** A fixed split: measurements use the architecture part, which weight steps never see. */
    public DataSplit(int[] train, int[] val) {
        this(train, val, val);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataSplit s && java.util.Arrays.equals(train, s.train) && java.util.Arrays.equals(val, s.val)
                && java.util.Arrays.equals(heldOut, s.heldOut);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * java.util.Arrays.hashCode(train) + java.util.Arrays.hashCode(val))
                + java.util.Arrays.hashCode(heldOut);
    }

    @Override
    public String toString() {
        return "DataSplit[train " + train.length + ", val " + val.length
                + (heldOut == val ? " (held out)" : ", held out " + heldOut.length) + "]";
    }
}
