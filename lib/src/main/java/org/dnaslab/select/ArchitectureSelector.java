package org.dnaslab.select;

/**
 * Turns a trained supernet into one discrete architecture. Every selector takes the same {@link SelectionContext}
 * and returns a {@link Selection}, so magnitude, PT and others run on the same supernet and report alike.
 * A selector may change the supernet (PT fine-tunes it and leaves its decisions committed); callers that want to
 * compare selectors on one supernet take a {@link org.dnaslab.supernet.SupernetSnapshot} first.
 */
@FunctionalInterface
public interface ArchitectureSelector {
    Selection select(SelectionContext context);

    /**
     * The epochs this selector will tune the supernet while selecting on {@code context} (PT's tuning between and
     * after decisions), so that a comparison can give every selector the same total. Default 0.
     */
    default int tuningEpochs(SelectionContext context) {
        return 0;
    }

    /** A short name for tables ("magnitude", "pt"). */
    default String name() {
        return getClass().getSimpleName();
    }

    /**
     * The name and every setting that changes what this selector chooses, stable across JVMs: stored with results
     * computed with it, so that a rerun with another selector is told apart ({@link SingleStageProtocol}'s run
     * directory). Default {@link #name()}, right for selectors without settings.
     */
    default String describe() {
        return name();
    }
}
