package org.dnaslab.supernet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.dnaslab.ops.InPlace;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A copy of a supernet's whole state: weights, batch-norm statistics, α and β, edge decisions and whether α trains.
 * Lets several selectors start from the same trained supernet: take a snapshot, run one, {@link #restore}, run the
 * next. Holds native memory until closed.
 */
public final class SupernetSnapshot implements AutoCloseable {
    private final Supernet net;
    private final NDManager manager;
    private final Map<String, NDArray> arrays = new LinkedHashMap<>();
    private final EdgeDecisions.Snapshot decisions;
    private final boolean alphaTrainable;

    private SupernetSnapshot(Supernet net) {
        this.net = net;
        this.manager = net.manager().newSubManager();
        for (Map.Entry<String, NDArray> e : net.namedState().entrySet()) {
            NDArray copy = e.getValue().duplicate();
            copy.attach(manager);
            // a copy must not join autograd graphs of the parameter it was taken from
            copy.setRequiresGradient(false);
            arrays.put(e.getKey(), copy);
        }
        this.decisions = net.arch().decisions().snapshot();
        this.alphaTrainable = net.arch().isAlphaTrainable();
    }

    public static SupernetSnapshot of(Supernet net) {
        return new SupernetSnapshot(net);
    }

    /** Puts the saved state back into the supernet, in place (the arrays keep their identity). */
    public void restore() {
        Map<String, NDArray> live = net.namedState();
        for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
            NDArray target = live.get(e.getKey());
            boolean grad = target.hasGradient();
            if (grad) {
                // an in-place write into a leaf that records gradients is refused by autograd
                target.setRequiresGradient(false);
            }
            InPlace.copy(e.getValue(), target);
            if (grad) {
                target.setRequiresGradient(true);
            }
        }
        net.arch().decisions().restore(decisions);
        net.arch().setAlphaTrainable(alphaTrainable);
    }

    @Override
    public void close() {
        manager.close();
    }
}
