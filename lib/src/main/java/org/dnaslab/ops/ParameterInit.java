package org.dnaslab.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

import java.util.SplittableRandom;

/**
 * Creates parameters from a seeded {@link SplittableRandom}, so that a network's initial weights depend only on
 * the seed, not on the engine's global generator or on construction order elsewhere.
 */
public final class ParameterInit {
    private ParameterInit() {
    }

    /** PyTorch's default for conv and linear weights: uniform in ±1/sqrt(fan_in). */
    public static Parameter weight(NDManager manager, SplittableRandom rng, String name, Shape shape) {
        long fanIn = shape.size() / shape.get(0);
        return trainable(name, Parameter.Type.WEIGHT, uniform(manager, rng, shape, 1.0 / Math.sqrt(fanIn)));
    }

    public static Parameter bias(NDManager manager, SplittableRandom rng, String name, long fanIn, long size) {
        return trainable(name, Parameter.Type.BIAS, uniform(manager, rng, new Shape(size), 1.0 / Math.sqrt(fanIn)));
    }

    public static Parameter constant(NDManager manager, String name, Parameter.Type type, long size, float value, boolean trainable) {
        NDArray a = manager.full(new Shape(size), value);
        return trainable ? trainable(name, type, a) : Parameter.builder().setName(name).setType(type).optArray(a)
                .optRequiresGrad(false).build();
    }

    public static NDArray uniform(NDManager manager, SplittableRandom rng, Shape shape, double bound) {
        float[] v = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        }
        return OwnedArrays.of(manager, v, shape);
    }

    public static NDArray normal(NDManager manager, SplittableRandom rng, Shape shape, double std) {
        float[] v = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            // Box-Muller from the seeded stream; exact normality matters less than determinism here.
            double u1 = 1.0 - rng.nextDouble();
            double u2 = rng.nextDouble();
            v[i] = (float) (std * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
        }
        return OwnedArrays.of(manager, v, shape);
    }

    private static Parameter trainable(String name, Parameter.Type type, NDArray array) {
        Parameter p = Parameter.builder().setName(name).setType(type).optArray(array).optRequiresGrad(true).build();
        array.setRequiresGradient(true);
        return p;
    }
}
