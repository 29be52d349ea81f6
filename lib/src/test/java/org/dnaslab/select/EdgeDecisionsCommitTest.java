package org.dnaslab.select;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.dnaslab.space.Architecture;
import org.dnaslab.space.CellType;
import org.dnaslab.space.SearchSpace;
import org.dnaslab.supernet.ArchitectureParameters;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EdgeDecisionsCommitTest {

    @Test
    void anArchitectureAppliedAsDecisionsReadsBackUnchanged() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (SearchSpace space : new SearchSpace[] {SearchSpace.nb201(), SearchSpace.darts(), SearchSpace.s1()}) {
                ArchitectureParameters arch = new ArchitectureParameters(m, space, new SplittableRandom(1), false);
                Architecture a = Architecture.sample(space, new SplittableRandom(5));
                arch.decisions().commit(a);
                assertEquals(a, arch.decisions().toArchitecture(), space.name());
                arch.decisions().commit(Architecture.sample(space, new SplittableRandom(6)));
                assertEquals(Architecture.sample(space, new SplittableRandom(6)), arch.decisions().toArchitecture(),
                        space.name() + ": the select package's names do the same");
            }
        }
    }

    @Test
    void anArchitectureOfAnotherSpaceIsNotCommitted() {
        try (NDManager m = NDManager.newBaseManager()) {
            ArchitectureParameters arch = new ArchitectureParameters(m, SearchSpace.s2(), new SplittableRandom(1), false);
            Architecture darts = Architecture.sample(SearchSpace.darts(), new SplittableRandom(5));
            var e = assertThrows(IllegalArgumentException.class, () -> arch.decisions().commit(darts));
            assertTrue(e.getMessage().contains("darts") && e.getMessage().contains("s2"), e.getMessage());
        }
    }

    @Test
    void readingAnUndecidedEdgeNamesIt() {
        try (NDManager m = NDManager.newBaseManager()) {
            ArchitectureParameters arch = new ArchitectureParameters(m, SearchSpace.nb201(), new SplittableRandom(1), false);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> arch.decisions().toArchitecture());
            assertTrue(e.getMessage().contains("1<-0"), e.getMessage());
        }
    }

    @Test
    void magnitudeLetsEdgeWeightsDecideTheTopologyButNotTheOps() {
        try (NDManager m = NDManager.newBaseManager()) {
            SearchSpace space = SearchSpace.darts();
            ArchitectureParameters arch = new ArchitectureParameters(m, space, new SplittableRandom(1), true);
            int ops = space.ops().size();
            float[] alpha = new float[14 * ops];
            // node 3's inputs 3<-0, 3<-1, 3<-2 are edges 2, 3, 4; α prefers 3<-0 and 3<-1 (sep_conv_3x3 strong)
            for (int e = 0; e < 14; e++) {
                alpha[e * ops + space.ops().indexOf("sep_conv_3x3")] = e == 4 ? 1f : 2f;
            }
            set(arch.alpha(CellType.NORMAL), alpha);
            Architecture byAlpha = MagnitudeSelector.select(arch);
            float[] beta = new float[12];
            beta[arch.betaOffset(3)] = -3f; // β turns 3<-0 (node 3's first input) off
            set(arch.beta(CellType.NORMAL), beta);
            Architecture withBeta = MagnitudeSelector.select(arch);
            assertTrue(byAlpha.kept(CellType.NORMAL, 2) && !byAlpha.kept(CellType.NORMAL, 4));
            assertFalse(withBeta.kept(CellType.NORMAL, 2));
            assertTrue(withBeta.kept(CellType.NORMAL, 3) && withBeta.kept(CellType.NORMAL, 4));
            assertEquals("sep_conv_3x3", withBeta.op(CellType.NORMAL, 4));
        }
    }

    private static void set(NDArray a, float[] v) {
        a.setRequiresGradient(false);
        a.set(v);
        a.setRequiresGradient(true);
    }
}
