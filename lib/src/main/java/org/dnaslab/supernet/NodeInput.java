package org.dnaslab.supernet;

import ai.djl.ndarray.NDArray;

import java.util.HashMap;
import java.util.Map;

/**
 * A node's output as seen by the edges leaving it. ReLU is computed at most once and shared by every op, and the
 * outputs of merged convolutions (see {@link MergedConvolutions}) are kept here for the edges that read them.
 */
final class NodeInput {
    private final NDArray value;
    private NDArray relu;
    private Map<Integer, NDArray> merged;

    NodeInput(NDArray value) {
        this.value = value;
    }

    NDArray value() {
        return value;
    }

    NDArray relu() {
        if (relu == null) {
            relu = value.getNDArrayInternal().relu();
        }
        return relu;
    }

    /**
     * Whether {@code a} is one of the arrays this node keeps (its value, its ReLU, a merged output): those live as
     * long as the node, while any other array an edge returns is the edge's own and may be closed once summed.
     */
    boolean holds(NDArray a) {
        if (a == value || a == relu) {
            return true;
        }
        if (merged != null) {
            for (NDArray m : merged.values()) {
                if (a == m) {
                    return true;
                }
            }
        }
        return false;
    }

    boolean hasMerged() {
        return merged != null;
    }

    void setMerged(Map<Integer, NDArray> outputs) {
        this.merged = outputs;
    }

    /** The precomputed output of op {@code op} on edge {@code edge}, or null. */
    NDArray merged(int edge, int op) {
        return merged == null ? null : merged.get(key(edge, op));
    }

    static int key(int edge, int op) {
        return edge * 64 + op;
    }

    static Map<Integer, NDArray> newMap() {
        return new HashMap<>();
    }
}
