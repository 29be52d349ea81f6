package org.dnaslab.search;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dnaslab.ops.Scalars;

/**
 * Adam with L2 weight decay added to the gradient, exactly as {@code torch.optim.Adam} (not AdamW), which is what
 * DARTS uses for α: m = b1·m + (1-b1)·g; v = b2·v + (1-b2)·g²; w -= lr·m̂ / (sqrt(v̂) + eps).
 */
public final class Adam implements ParameterOptimizer {
    private static final float EPS = 1e-8f;
    private final List<NDArray> params;
    private final NDArray[] m;
    private final NDArray[] v;
    private final float beta1;
    private final float beta2;
    private final float weightDecay;
    private long steps;

    public Adam(List<NDArray> params, float beta1, float beta2, float weightDecay) {
        this.params = List.copyOf(params);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.weightDecay = weightDecay;
        this.m = new NDArray[this.params.size()];
        this.v = new NDArray[this.params.size()];
        for (int i = 0; i < m.length; i++) {
            NDArray p = this.params.get(i);
            m[i] = p.getManager().zeros(p.getShape(), p.getDataType());
            v[i] = p.getManager().zeros(p.getShape(), p.getDataType());
        }
    }

    @Override
    public void step(float lr) {
        steps++;
        double c1 = 1 - Math.pow(beta1, steps);
        double c2 = 1 - Math.pow(beta2, steps);
        if (params.isEmpty()) {
            return;
        }
        try (AutoCloseable noGrad = Gradients.noGrad(); NDScope scope = new NDScope()) {
            // made by PyTorch once per step (see Scalars), each with the type the arithmetic below always had
            NDManager manager = params.get(0).getManager();
            NDArray decay = Scalars.of(manager, weightDecay);
            NDArray b1 = Scalars.of(manager, beta1);
            NDArray b2 = Scalars.of(manager, beta2);
            NDArray oneMinusB1 = Scalars.of(manager, 1 - beta1);
            NDArray oneMinusB2 = Scalars.of(manager, 1 - beta2);
            NDArray correction2 = Scalars.of(manager, c2);
            NDArray eps = Scalars.of(manager, EPS);
            NDArray rate = Scalars.of(manager, lr / c1);
            for (int i = 0; i < m.length; i++) {
                NDArray w = params.get(i);
                NDArray g = Gradients.of(w);
                if (g == null) {
                    continue;
                }
                NDArray d = weightDecay == 0 ? g : g.add(w.mul(decay));
                m[i].muli(b1).addi(d.mul(oneMinusB1));
                v[i].muli(b2).addi(d.square().muli(oneMinusB2));
                NDArray denom = v[i].div(correction2).sqrt().addi(eps);
                w.subi(m[i].div(denom).muli(rate));
            }
        } catch (Exception e) {
            throw new IllegalStateException("Adam step failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, NDArray> state() {
        Map<String, NDArray> s = new LinkedHashMap<>();
        for (int i = 0; i < m.length; i++) {
            s.put("m." + i, m[i]);
            s.put("v." + i, v[i]);
        }
        return s;
    }

    @Override
    public Map<String, Double> counters() {
        return Map.of("steps", (double) steps);
    }

    @Override
    public void loadCounters(Map<String, Double> counters) {
        steps = Math.round(counters.getOrDefault("steps", 0.0));
    }

    @Override
    public void close() {
        for (int i = 0; i < m.length; i++) {
            m[i].close();
            v[i].close();
        }
    }
}
