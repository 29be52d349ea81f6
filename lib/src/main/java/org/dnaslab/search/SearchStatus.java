package org.dnaslab.search;

/**
 * Where a search run stands: {@code NEW} (not run), {@code RUNNING}, {@code PAUSED} (stopped at an epoch its caller
 * asked for, {@link DartsSearch#runUntil}), {@code INTERRUPTED} (its thread was interrupted), {@code FINISHED} (all
 * epochs done) or {@code FAILED} (an error, e.g. a NaN loss). A paused or interrupted search continues with
 * {@link DartsSearch#run}.
 */
public enum SearchStatus {
    NEW, RUNNING, INTERRUPTED, FINISHED, FAILED, PAUSED
}
