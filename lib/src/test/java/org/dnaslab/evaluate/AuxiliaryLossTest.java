package org.dnaslab.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;

class AuxiliaryLossTest {

    /** Mean cross-entropy of logits rows against labels, by hand. */
    private static double crossEntropy(float[][] logits, int[] labels) {
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            double z = 0;
            for (float v : logits[i]) {
                z += Math.exp(v);
            }
            sum += Math.log(z) - logits[i][labels[i]];
        }
        return sum / logits.length;
    }

    private static final float[][] MAIN = {{2, 0, -1}, {0.5f, 1.5f, 0}};
    private static final float[][] AUX = {{0, 0, 3}, {1, -2, 0}};
    private static final int[] LABELS = {0, 1};

    private static double loss(AuxiliaryLoss loss, float[][] main, float[][] aux) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList labels = new NDList(m.create(new float[] {LABELS[0], LABELS[1]}));
            NDList predictions = aux == null ? new NDList(m.create(main)) : new NDList(m.create(main), m.create(aux));
            NDArray l = loss.evaluate(labels, predictions);
            assertEquals(DataType.FLOAT32, l.getDataType(), "the loss must stay in the logits' precision");
            return l.getFloat();
        }
    }

    @Test
    void withWeightTheAuxiliaryHeadAddsItsWeightedCrossEntropy() {
        double expected = crossEntropy(MAIN, LABELS) + 0.4 * crossEntropy(AUX, LABELS);
        assertEquals(expected, loss(new AuxiliaryLoss(0.4), MAIN, AUX), 1e-5);
    }

    @Test
    void withWeightZeroTheAuxiliaryHeadDoesNotContribute() {
        AuxiliaryLoss off = AuxiliaryLoss.of(TrainingProtocol.quick());
        assertEquals(0, off.weight());
        double withAux = loss(off, MAIN, AUX);
        float[][] otherAux = {{9, -9, 0}, {-9, 9, 0}};
        assertEquals(withAux, loss(off, MAIN, otherAux), 0);
        assertEquals(crossEntropy(MAIN, LABELS), withAux, 1e-5);
        assertEquals(withAux, loss(off, MAIN, null), 0);
    }

    @Test
    void aDeclaredAuxiliaryHeadMustBePresent() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> loss(AuxiliaryLoss.of(TrainingProtocol.full()), MAIN, null));
        assertTrue(e.getMessage().contains("auxiliary weight 0.4 needs"), e.getMessage());
    }
}
