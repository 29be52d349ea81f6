package org.dnaslab.regularize;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.dnaslab.space.CellType;
import org.dnaslab.space.SearchSpace;
import org.dnaslab.supernet.ArchitectureParameters;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EntropyPenaltyTest {

    @Test
    void penaltyIsLambdaTimesTheSummedEdgeEntropies() {
        try (NDManager m = NDManager.newBaseManager()) {
            ArchitectureParameters arch = randomAlpha(m, SearchSpace.darts());
            double h = Arrays.stream(arch.entropy(CellType.NORMAL)).sum() + Arrays.stream(arch.entropy(CellType.REDUCE)).sum();
            assertEquals(0.3 * h, EntropyPenalty.constant(0.3).penalty(arch, 0, 10).getFloat(), 1e-4);
        }
    }

    @Test
    void aGradientStepOnThePenaltyLowersTheEntropy() {
        try (NDManager m = NDManager.newBaseManager()) {
            ArchitectureParameters arch = randomAlpha(m, SearchSpace.nb201());
            double before = Arrays.stream(arch.entropy(CellType.NORMAL)).sum();
            NDArray alpha = arch.alpha(CellType.NORMAL);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(EntropyPenalty.constant(1.0).penalty(arch, 0, 1));
            }
            NDArray grad = alpha.getGradient();
            assertTrue(grad.abs().sum().getFloat() > 0, "the penalty reaches α");
            float[] a = alpha.toFloatArray();
            float[] g = grad.toFloatArray();
            float[] stepped = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                stepped[i] = a[i] - 0.1f * g[i];
            }
            alpha.setRequiresGradient(false);
            alpha.set(stepped);
            double after = Arrays.stream(arch.entropy(CellType.NORMAL)).sum();
            assertTrue(after < before, "entropy " + before + " -> " + after);
        }
    }

    @Test
    void schedulesGiveTheirValuesAndAZeroLambdaAddsNothing() {
        assertEquals(0.5, Schedule.constant(0.5).at(7, 10));
        assertEquals(0.0, Schedule.linearRamp(0, 1).at(0, 11));
        assertEquals(0.5, Schedule.linearRamp(0, 1).at(5, 11), 1e-15);
        assertEquals(1.0, Schedule.linearRamp(0, 1).at(10, 11));
        assertEquals(0.0, Schedule.step(0, 2, 4).at(3, 10));
        assertEquals(2.0, Schedule.step(0, 2, 4).at(4, 10));
        try (NDManager m = NDManager.newBaseManager()) {
            ArchitectureParameters arch = randomAlpha(m, SearchSpace.nb201());
            assertNull(new EntropyPenalty(Schedule.step(0, 1, 5)).penalty(arch, 2, 10));
        }
    }

    @Test
    void opsThatAreNotCandidatesAddNoEntropyAndNoNaN() {
        try (NDManager m = NDManager.newBaseManager()) {
            ArchitectureParameters arch = randomAlpha(m, SearchSpace.s1());
            float p = EntropyPenalty.constant(1).penalty(arch, 0, 1).getFloat();
            double h = Arrays.stream(arch.entropy(CellType.NORMAL)).sum() + Arrays.stream(arch.entropy(CellType.REDUCE)).sum();
            assertEquals(h, p, 1e-4);
            assertTrue(h <= 2 * 14 * Math.log(2) + 1e-6, "two candidates per edge: at most log 2 each");
        }
    }

    private static ArchitectureParameters randomAlpha(NDManager m, SearchSpace space) {
        ArchitectureParameters arch = new ArchitectureParameters(m, space, new SplittableRandom(3), false);
        SplittableRandom r = new SplittableRandom(4);
        for (CellType t : space.cellTypes()) {
            NDArray a = arch.alpha(t);
            float[] v = new float[(int) a.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) r.nextGaussian();
            }
            a.setRequiresGradient(false);
            a.set(v);
            a.setRequiresGradient(true);
        }
        return arch;
    }
}
