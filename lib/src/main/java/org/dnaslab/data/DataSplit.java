package org.dnaslab.data;

/**
 * Indices into a training dataset: the part for weight steps ({@code train}) and the part for architecture steps
 * or validation ({@code val}). Arrays are not copied; treat them as read-only.
 */
public record DataSplit(int[] train, int[] val) {
    public DataSplit {
        java.util.Objects.requireNonNull(train, "train");
        java.util.Objects.requireNonNull(val, "val");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataSplit s && java.util.Arrays.equals(train, s.train) && java.util.Arrays.equals(val, s.val);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(train) + java.util.Arrays.hashCode(val);
    }

    @Override
    public String toString() {
        return "DataSplit[train " + train.length + ", val " + val.length + "]";
    }
}
