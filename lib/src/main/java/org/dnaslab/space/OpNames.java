package org.dnaslab.space;

import java.util.List;

/**
 * The vocabulary of candidate operation names, spelled as NAS-Bench-201 and the DARTS code spell them, so that
 * architectures print in the form those codebases (and papers) use.
 */
public final class OpNames {
    public static final String NONE = "none";
    public static final String SKIP_CONNECT = "skip_connect";
    public static final String NOR_CONV_1X1 = "nor_conv_1x1";
    public static final String NOR_CONV_3X3 = "nor_conv_3x3";
    public static final String AVG_POOL_3X3 = "avg_pool_3x3";
    public static final String MAX_POOL_3X3 = "max_pool_3x3";
    public static final String SEP_CONV_3X3 = "sep_conv_3x3";
    public static final String SEP_CONV_5X5 = "sep_conv_5x5";
    public static final String DIL_CONV_3X3 = "dil_conv_3x3";
    public static final String DIL_CONV_5X5 = "dil_conv_5x5";
    /** Zela et al.'s S4 op: Gaussian noise added to the input, a deliberately harmful parameter-free op. */
    public static final String NOISE = "noise";

    // DARTS's primitive order, noise next to none (both replace the input), then NB201's convolutions.
    private static final List<String> ALL = List.of(NONE, NOISE, MAX_POOL_3X3, AVG_POOL_3X3, SKIP_CONNECT,
            SEP_CONV_3X3, SEP_CONV_5X5, DIL_CONV_3X3, DIL_CONV_5X5, NOR_CONV_1X1, NOR_CONV_3X3);

    private OpNames() {
    }

    /** Every operation name the library knows, in a fixed order. */
    public static List<String> all() {
        return ALL;
    }

    public static boolean isKnown(String op) {
        return ALL.contains(op);
    }

    /**
     * Whether the op has no weights (zero, identity, pooling, noise), as the DARTS literature counts them when it
     * reports the share of parameter-free ops; a {@code skip_connect} that a reduction cell implements as a
     * factorized reduce still counts as parameter-free here.
     */
    public static boolean isParameterFree(String op) {
        return op.equals(NONE) || op.equals(NOISE) || op.equals(SKIP_CONNECT)
                || op.equals(MAX_POOL_3X3) || op.equals(AVG_POOL_3X3);
    }
}
