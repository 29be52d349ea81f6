package org.dnaslab.select;

import org.dnaslab.search.DartsSearch;
import org.dnaslab.space.Architecture;
import org.dnaslab.space.CellType;
import org.dnaslab.space.OpNames;
import org.dnaslab.supernet.SupernetSnapshot;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PT in a DARTS-shaped space (Zela et al.'s S3: none, skip, sep_conv_3x3), where topology steps follow op steps. */
class PerturbationTopologyTest {

    @Test
    void topologyStepsKeepTwoInputsPerNodeNeverChooseNoneAndBothPathsAgree() {
        try (DartsSearch search = Tiny.search(Tiny.darts(3, 1).setSpace("s3").optTrainLimit(96).build());
             SupernetSnapshot start = SupernetSnapshot.of(search.supernet())) {
            SelectionContext ctx = SelectionContext.of(search, Tiny.DATA);
            assertEquals(5 * (14 + 3 - 1) + 3, PerturbationSelector.builder().optInterval(5).optFinalTuneEpochs(3)
                    .build().tuningEpochs(ctx), "darts-pt's schedule: 14 op steps and 3 topology steps, tuning between");
            Selection fast = PerturbationSelector.builder().optInterval(0).optEvalBatches(1).optProgress(false)
                    .build().select(ctx);
            assertEquals(0, fast.tuningEpochs());
            start.restore();
            Selection naive = PerturbationSelector.builder().optInterval(0).optEvalBatches(1).optProgress(false)
                    .optPath(PerturbationEvaluator.Path.NAIVE).build().select(ctx);
            PerturbationSelectorTest.assertSameDecisions(fast, naive, 16);
            Architecture a = fast.architecture();
            for (CellType t : List.of(CellType.NORMAL, CellType.REDUCE)) {
                for (int node = 2; node < 6; node++) {
                    assertEquals(2, a.keptInputs(t, node).size());
                }
                for (int e = 0; e < 14; e++) {
                    if (a.kept(t, e)) {
                        assertTrue(!a.op(t, e).equals(OpNames.NONE));
                    }
                }
            }
            long opSteps = fast.decisions().stream().filter(x -> x.kind() == EdgeDecision.Kind.OP).count();
            assertEquals(2 * 14, opSteps);
            fast.decisions().stream().filter(x -> x.kind() == EdgeDecision.Kind.OP)
                    .forEach(x -> assertEquals(List.of(OpNames.SKIP_CONNECT, OpNames.SEP_CONV_3X3),
                            List.copyOf(x.scores().keySet()), "none is not a candidate where nodes keep top inputs"));
            long drops = fast.decisions().stream().filter(x -> x.kind() == EdgeDecision.Kind.DROP).count();
            assertEquals(2 * (1 + 2 + 3), drops, "nodes 3, 4, 5 drop 1, 2, 3 inputs in each cell type");
            EdgeDecision firstDrop = fast.decisions().stream().filter(x -> x.kind() == EdgeDecision.Kind.DROP)
                    .findFirst().orElseThrow();
            double best = firstDrop.scores().values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            assertEquals(best, firstDrop.scores().get(firstDrop.chosen()), 0.0, "drops the least needed input");
        }
    }

}
