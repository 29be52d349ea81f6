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

    /** A short name for tables ("magnitude", "pt"). */
    default String name() {
        return getClass().getSimpleName();
    }
}
