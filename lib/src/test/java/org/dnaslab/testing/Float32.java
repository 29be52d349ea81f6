package org.dnaslab.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Comparison of results that two different computation paths produce (cached prefix against a full forward, merged
 * against plain convolutions, channels-last against NCHW). Such paths are equal in exact arithmetic only: oneDNN
 * chooses its kernels, and so the order of float32 sums, by CPU and by tensor strides, so the last bits differ from
 * one machine to the next. A value passes when {@code |actual - expected| <= atol + rtol * |expected|}; NaN never
 * passes. Same-path reproducibility (same seed, same machine) is compared exactly, not with this.
 */
public final class Float32 {
    /** Relative tolerance for a few hundred float32 operations: ~1000 ulps, far below what a wrong weight changes. */
    public static final float RTOL = 1e-4f;
    /** Absolute floor for values near zero, where a relative bound means nothing. */
    public static final float ATOL = 1e-5f;

    private Float32() {
    }

    /** {@code actual} within {@link #ATOL} + {@link #RTOL}·|expected| of {@code expected}, element by element. */
    public static void assertClose(float[] expected, float[] actual, String what) {
        assertClose(expected, actual, ATOL, RTOL, what);
    }

    /** {@code actual} within {@code atol + rtol·|expected|} of {@code expected}, element by element. */
    public static void assertClose(float[] expected, float[] actual, float atol, float rtol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double tolerance = atol + rtol * Math.abs((double) expected[i]);
            double difference = Math.abs((double) actual[i] - expected[i]);
            if (!(difference <= tolerance)) {
                fail(what + ": index " + i + " expected " + expected[i] + " but was " + actual[i] + " (|difference| "
                        + difference + " > tolerance " + tolerance + ")");
            }
        }
    }

    /** Whether every element is within the default tolerance; for checks that two results must differ. */
    public static boolean close(float[] expected, float[] actual) {
        if (expected.length != actual.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs((double) actual[i] - expected[i]) <= ATOL + RTOL * Math.abs((double) expected[i]))) {
                return false;
            }
        }
        return true;
    }
}
