package org.dnaslab.select;

import org.dnaslab.space.Architecture;
import org.dnaslab.supernet.ArchitectureParameters;
import org.dnaslab.supernet.EdgeDecisions;

/**
 * The select package's names for turning a supernet into a discrete network and back. Each rule has its home
 * elsewhere and is only named here: committing an architecture to the edges in
 * {@link EdgeDecisions#commit(Architecture)}, reading it back in {@link EdgeDecisions#toArchitecture()}, and the
 * op shares in {@link Architecture#share}. New code calls those directly.
 */
public final class Discretization {
    private Discretization() {
    }

    /** Makes the supernet compute exactly {@code architecture}; see {@link EdgeDecisions#commit(Architecture)}. */
    public static void apply(EdgeDecisions decisions, Architecture architecture) {
        decisions.commit(architecture);
    }

    /**
     * The architecture the decisions describe; see {@link EdgeDecisions#toArchitecture()}.
     *
     * @throws IllegalStateException naming an edge with no committed op
     */
    public static Architecture fromDecisions(ArchitectureParameters arch) {
        return arch.decisions().toArchitecture();
    }

    /** Share of the kept edges whose op has no weights; see {@link Architecture#parameterFreeShare()}. */
    public static double parameterFreeShare(Architecture a) {
        return a.parameterFreeShare();
    }

    /** Share of the kept edges that are skip connections; see {@link Architecture#skipShare()}. */
    public static double skipShare(Architecture a) {
        return a.skipShare();
    }
}
