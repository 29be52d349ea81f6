package org.dnaslab.supernet;

import ai.djl.ndarray.NDArray;

/** A node's output as seen by the edges leaving it; ReLU is computed at most once and shared by every op. */
final class NodeInput {
    private final NDArray value;
    private NDArray relu;

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
}
