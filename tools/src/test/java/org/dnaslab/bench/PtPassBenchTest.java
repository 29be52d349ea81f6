package org.dnaslab.bench;

import org.dnaslab.data.ImageDataset;
import org.dnaslab.data.SyntheticData;
import org.dnaslab.search.SearchConfig;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The PT bench case: both paths run, take every op decision, and agree up to float32 rounding (the paths sum in
 * another order; timings are not checked here).
 */
class PtPassBenchTest {

    private static SearchConfig tiny() {
        return SearchConfig.builder().setSpace("nb201").optChannels(4).optCells(1).optInput(1, 8).optClasses(3)
                .optBatchSize(8).setEpochs(1).build();
    }

    @Test
    void naiveAndFastPassesTakeTheSameDecisions() {
        ImageDataset data = SyntheticData.gratings("pt-bench", 128, 3, 1, 8, 8, new SplittableRandom(3));
        PtPassBench.Result r = PtPassBench.run(tiny(), data, 4, 2, 1);
        assertTrue(r.agreement().agree(), r.agreement().describe());
        assertEquals(6, r.fastSelection().decisions().size(), "one op decision per NB201 edge");
        if (r.agreement().tieAt() < 0) {
            // no tie within rounding: the same op on every edge
            assertEquals(r.naiveSelection().architecture(), r.fastSelection().architecture());
        }
        assertEquals(1, r.naive().n());
        assertEquals(16, r.images());
        assertTrue(r.fast().median() > 0 && r.naive().median() > 0);
    }

    @Test
    void tooLittleDataIsRefusedWithTheNumbers() {
        ImageDataset data = SyntheticData.gratings("pt-bench", 40, 3, 1, 8, 8, new SplittableRandom(3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PtPassBench.run(tiny(), data, 4, 2, 1));
        assertTrue(e.getMessage().contains("64") && e.getMessage().contains("40"), e.getMessage());
    }
}
