package org.dnaslab.search;

/** Where a search run stands. */
public enum SearchStatus {
    NEW, RUNNING, INTERRUPTED, FINISHED, FAILED
}
