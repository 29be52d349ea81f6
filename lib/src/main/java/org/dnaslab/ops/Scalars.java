package org.dnaslab.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.util.function.BinaryOperator;

/**
 * Arithmetic between an array and a Java number, without DJL's {@code NDArray.mul(Number)} family.
 *
 * <p>Why: DJL's PyTorch engine (0.35.1) implements {@code x.mul(2f)} as "make a 0-d tensor that borrows a Java
 * direct buffer, multiply, close the tensor's Java handle". Autograd saves that scalar for the backward pass of
 * {@code mul}, {@code div}, {@code pow}, {@code maximum} and {@code minimum}; once the handle is closed nothing keeps
 * the buffer reachable, and a garbage collection between the forward and the backward pass frees it. The backward
 * pass then reads freed memory: a loss divided by garbage, clipped to a plausible size. Same-seed runs differed in
 * about one search in 50, and in one of two under a collector running constantly ({@code GcReproducibilityTest}).
 * Here the scalar is made by PyTorch ({@code full}, or a copy for doubles), so the graph owns what it keeps.
 *
 * <p>The library calls no {@code Number} overload of {@link NDArray}: {@code NoBorrowedScalarsTest} checks the
 * compiled classes. Results are bit-identical to the overloads (same value, same data type of the scalar).
 */
public final class Scalars {
    private Scalars() {
    }

    /** A 0-d array of {@code value} owned by PyTorch, with the data type DJL's overload would give it. */
    public static NDArray of(NDManager manager, Number value) {
        if (value instanceof Float f) {
            return manager.full(new Shape(), f, DataType.FLOAT32);
        }
        if (value instanceof Integer i && Math.abs(i) <= 1 << 24) {
            return manager.full(new Shape(), i, DataType.INT32);
        }
        // doubles and longs (and larger ints) keep every bit through a copy of DJL's borrowed array
        try (NDArray borrowed = borrowed(manager, value)) {
            return borrowed.duplicate();
        }
    }

    private static NDArray borrowed(NDManager manager, Number value) {
        if (value instanceof Double d) {
            return manager.create(d.doubleValue());
        }
        if (value instanceof Long l) {
            return manager.create(l.longValue());
        }
        if (value instanceof Integer i) {
            return manager.create(i.intValue());
        }
        throw new IllegalArgumentException("a scalar must be a Float, Double, Integer or Long, got "
                + value.getClass().getName() + " " + value);
    }

    /** {@code x op n} with the scalar made by PyTorch, and the scalar's Java handle closed at once. */
    private static NDArray apply(NDArray x, Number n, BinaryOperator<NDArray> op) {
        try (NDArray s = of(x.getManager(), n)) {
            return op.apply(x, s);
        }
    }

    public static NDArray add(NDArray x, Number n) {
        return apply(x, n, NDArray::add);
    }

    public static NDArray sub(NDArray x, Number n) {
        return apply(x, n, NDArray::sub);
    }

    public static NDArray mul(NDArray x, Number n) {
        return apply(x, n, NDArray::mul);
    }

    public static NDArray div(NDArray x, Number n) {
        return apply(x, n, NDArray::div);
    }

    public static NDArray pow(NDArray x, Number n) {
        return apply(x, n, NDArray::pow);
    }

    public static NDArray minimum(NDArray x, Number n) {
        return apply(x, n, NDArray::minimum);
    }

    public static NDArray maximum(NDArray x, Number n) {
        return apply(x, n, NDArray::maximum);
    }

    public static NDArray lt(NDArray x, Number n) {
        return apply(x, n, NDArray::lt);
    }

    /** In place: {@code x *= n}; returns x. */
    public static NDArray muli(NDArray x, Number n) {
        return apply(x, n, NDArray::muli);
    }

    /** In place: {@code x += n}; returns x. */
    public static NDArray addi(NDArray x, Number n) {
        return apply(x, n, NDArray::addi);
    }
}
