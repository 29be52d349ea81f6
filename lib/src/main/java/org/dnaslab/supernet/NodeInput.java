package org.dnaslab.supernet;

import ai.djl.ndarray.NDArray;

import java.util.HashMap;
import java.util.List;
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

    /**
     * Closes the arrays this node holds except {@code out} (the cell's output) and the cell's {@code inputs} (the
     * caller's); closing a handle frees nothing autograd still needs.
     */
    void close(NDArray out, List<NDArray> inputs) {
        closeUnless(value, out, inputs);
        closeUnless(relu, out, inputs);
        if (merged != null) {
            for (NDArray m : merged.values()) {
                closeUnless(m, out, inputs);
            }
        }
    }

    private static void closeUnless(NDArray a, NDArray out, List<NDArray> inputs) {
        if (a == null || a == out) {
            return;
        }
        for (NDArray in : inputs) {
            if (a == in) {
                return;
            }
        }
        a.close();
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
