package org.dnaslab.space;

/**
 * A directed edge of a cell's DAG: the output of node {@code from} feeds node {@code to} (from &lt; to).
 * Nodes are numbered from the cell inputs: NB201's input is node 0; DARTS's inputs are nodes 0 and 1.
 */
public record Edge(int to, int from) {
    public Edge {
        if (from < 0 || to <= from) {
            throw new IllegalArgumentException("an edge must go from a lower node to a higher one, got " + to + "<-" + from);
        }
    }

    @Override
    public String toString() {
        return to + "<-" + from;
    }
}
