package org.dnaslab.space;

/** The kinds of cell a space searches: NB201 has only normal cells; DARTS also a reduction cell. */
public enum CellType {
    NORMAL,
    REDUCE;

    /** Lower-case name as used in DARTS genotypes and JSON ("normal", "reduce"). */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
