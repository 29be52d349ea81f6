package org.dnaslab.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InPlaceTest {

    @Test
    void copyWritesIntoTheTargetsStorageBitForBit() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray target = m.zeros(new ai.djl.ndarray.types.Shape(2, 3));
            ByteBuffer storage = target.toByteBuffer(true);
            float[] values = {1.5f, -0f, Float.MIN_VALUE, 3e38f, -2.25f, 7f};
            try (NDArray source = m.create(values, target.getShape())) {
                InPlace.copy(source, target);
            }
            float[] seen = new float[6];
            storage.asFloatBuffer().get(seen);
            assertArrayEquals(values, seen, 0f);
            assertArrayEquals(values, target.toFloatArray(), 0f);
            assertTrue(Float.floatToRawIntBits(target.toFloatArray()[1]) == Float.floatToRawIntBits(-0f), "-0 kept");
        }
    }

    @Test
    void copyRefusesAnotherShape() {
        try (NDManager m = NDManager.newBaseManager()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> InPlace.copy(m.zeros(new ai.djl.ndarray.types.Shape(3)), m.zeros(new ai.djl.ndarray.types.Shape(4))));
            assertTrue(e.getMessage().contains("(3)") && e.getMessage().contains("(4)"), e.getMessage());
        }
    }
}
