package org.dnaslab.report;

import java.util.Objects;

/**
 * One claim of a paper, stated so that a number can test it: the measured effect (for example "PT's discretization
 * gap minus magnitude's") is claimed to lie above, or below, a threshold (usually 0).
 *
 * @param id        a short stable name, also the file name of its finding ({@code 04-pt-beats-magnitude})
 * @param statement the claim in one sentence
 * @param source    where the paper reports it (paper, section, table or figure)
 * @param effect    what is measured per seed, in words, with its unit
 * @param above     true when the claim says the effect exceeds the threshold, false when it says it falls below
 * @param threshold the value the effect is compared with
 * @param paper     what the paper found, in its own terms (for the report's "paper" column)
 */
public record Claim(String id, String statement, String source, String effect, boolean above, double threshold,
                    String paper) {
    /** Checks that id, statement, source and effect are given and that the id is file-name safe. */
    public Claim {
        requireText(id, "id");
        if (!id.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("claim: an id may use letters, digits, '.', '_' and '-', got '" + id + "'");
        }
        requireText(statement, "statement");
        requireText(source, "source");
        requireText(effect, "effect");
        Objects.requireNonNull(paper, "claim: paper");
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("claim " + id + ": the threshold must be a finite number, got " + threshold);
        }
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("claim: " + field + " is required");
        }
    }

    /** A claim that the effect is greater than {@code threshold}. */
    public static Claim above(String id, String statement, String source, String effect, double threshold,
                              String paper) {
        return new Claim(id, statement, source, effect, true, threshold, paper);
    }

    /** A claim that the effect is smaller than {@code threshold}. */
    public static Claim below(String id, String statement, String source, String effect, double threshold,
                              String paper) {
        return new Claim(id, statement, source, effect, false, threshold, paper);
    }

    /** Whether one value lies on the claim's side of the threshold. */
    public boolean holdsFor(double value) {
        return above ? value > threshold : value < threshold;
    }

    /** {@code "effect > 0"} or {@code "effect < 0.05"}. */
    public String condition() {
        return effect + (above ? " > " : " < ") + Finding.threshold(threshold);
    }
}
