package org.dnaslab.search;

import org.dnaslab.space.Architecture;

import java.nio.file.Path;
import java.util.List;

/**
 * What a call to {@link DartsSearch#run} (status {@link SearchStatus#FINISHED}) or {@link DartsSearch#runUntil}
 * (status {@link SearchStatus#PAUSED} before the last epoch) ended with. An interrupted search returns no result:
 * it throws {@link org.dnaslab.train.TrainingInterruptedException} (the contract of {@link org.dnaslab.train}),
 * its supernet and history stay usable, and {@code run} continues it.
 */
public record SearchResult(SearchStatus status, int epochsDone, Architecture architecture, List<EpochMetrics> history,
                           Path runDirectory, double seconds) {
    /** The metrics of the last completed epoch, or null when none was completed. */
    public EpochMetrics last() {
        return history.isEmpty() ? null : history.get(history.size() - 1);
    }
}
