package org.dnaslab.search;

import org.dnaslab.space.Architecture;

/** The usual text form of an architecture: an NB201 string, or a DARTS genotype for DARTS-type spaces. */
public final class ArchitectureText {
    private ArchitectureText() {
    }

    public static String of(Architecture a) {
        return "nb201".equals(a.space().name()) ? a.toNb201String() : a.toGenotypeString();
    }
}
