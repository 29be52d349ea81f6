package org.dnaslab.report;

/**
 * What a measurement says of a paper's claim. The rule ({@link Finding#verdict()}): the claim is reproduced when the
 * whole 95 % interval of the measured effect lies on the claim's side of its threshold, not reproduced when it lies
 * wholly on the other side, and inconclusive when it straddles the threshold or there are fewer than 2 seeds.
 */
public enum Verdict {
    REPRODUCED("reproduced"),
    NOT_REPRODUCED("not reproduced at this budget"),
    INCONCLUSIVE("inconclusive");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** The words a notebook prints: {@code reproduced}, {@code not reproduced at this budget} or {@code inconclusive}. */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
