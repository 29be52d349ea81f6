package org.dnaslab.search;

import org.dnaslab.space.Architecture;

import java.nio.file.Path;
import java.util.List;

/**
 * What a call to {@link DartsSearch#run} ended with. An interrupted search returns normally with status
 * {@link SearchStatus#INTERRUPTED}: its supernet and history stay usable, and {@code run} continues it.
 */
public record SearchResult(SearchStatus status, int epochsDone, Architecture architecture, List<EpochMetrics> history,
                           Path runDirectory, double seconds) {
    /** The metrics of the last finished epoch, or null when none finished. */
    public EpochMetrics last() {
        return history.isEmpty() ? null : history.get(history.size() - 1);
    }
}
