package org.dnaslab.search;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dnaslab.ops.Scalars;

/**
 * SGD with momentum and L2 weight decay, exactly as {@code torch.optim.SGD} (no dampening, not Nesterov):
 * g = grad + wd·w; buf = m·buf + g (buf = g on the first step); w -= lr·buf.
 */
public final class SgdMomentum implements ParameterOptimizer {
    private final List<NDArray> params;
    private final NDArray[] buffers;
    private final float momentum;
    private final float weightDecay;
    private boolean started;

    public SgdMomentum(List<NDArray> params, float momentum, float weightDecay) {
        this.params = List.copyOf(params);
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.buffers = new NDArray[this.params.size()];
        for (int i = 0; i < buffers.length; i++) {
            NDArray p = this.params.get(i);
            // created outside any step scope so that they live as long as the optimizer
            buffers[i] = p.getManager().zeros(p.getShape(), p.getDataType());
        }
    }

    @Override
    public void step(float lr) {
        if (params.isEmpty()) {
            return;
        }
        try (AutoCloseable noGrad = Gradients.noGrad(); NDScope scope = new NDScope()) {
            // made by PyTorch once per step (see Scalars), not per parameter
            NDManager manager = params.get(0).getManager();
            NDArray decay = Scalars.of(manager, weightDecay);
            NDArray mom = Scalars.of(manager, momentum);
            NDArray rate = Scalars.of(manager, lr);
            for (int i = 0; i < buffers.length; i++) {
                NDArray w = params.get(i);
                NDArray g = Gradients.of(w);
                if (g == null) {
                    continue;
                }
                NDArray d = weightDecay == 0 ? g : g.add(w.mul(decay));
                if (started) {
                    buffers[i].muli(mom).addi(d);
                } else {
                    buffers[i].addi(d);
                }
                w.subi(buffers[i].mul(rate));
            }
            started = true;
        } catch (Exception e) {
            throw new IllegalStateException("SGD step failed: " + e.getMessage(), e);
        }
    }

    /** The momentum buffer of parameter {@code i}, or null before the first step (for the unrolled step). */
    NDArray buffer(int i) {
        return started ? buffers[i] : null;
    }

    float momentum() {
        return momentum;
    }

    float weightDecay() {
        return weightDecay;
    }

    @Override
    public Map<String, NDArray> state() {
        Map<String, NDArray> m = new LinkedHashMap<>();
        for (int i = 0; i < buffers.length; i++) {
            m.put("momentum." + i, buffers[i]);
        }
        return m;
    }

    @Override
    public Map<String, Double> counters() {
        return Map.of("started", started ? 1.0 : 0.0);
    }

    @Override
    public void loadCounters(Map<String, Double> counters) {
        started = counters.getOrDefault("started", 0.0) > 0;
    }

    @Override
    public void close() {
        for (NDArray b : buffers) {
            b.close();
        }
    }
}
