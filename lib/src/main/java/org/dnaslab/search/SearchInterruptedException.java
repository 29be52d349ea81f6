package org.dnaslab.search;

/** Thrown by library loops that must stop when their thread is interrupted and have no partial result to return. */
public class SearchInterruptedException extends RuntimeException {
    public SearchInterruptedException(String message) {
        super(message);
    }
}
