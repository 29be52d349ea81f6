package org.dnaslab.report;

import org.dnaslab.search.SearchConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BudgetTest {

    private static Budget from(Map<String, String> properties, Map<String, String> env) {
        return Budget.from(properties::get, env::get);
    }

    @Test
    void fullIsTheDefaultWhenNothingIsSet() {
        assertEquals("full", from(Map.of(), Map.of()).name());
        assertEquals("full", from(Map.of(), Map.of("DNASLAB_QUICK", "0")).name());
        assertEquals("full", from(Map.of(), Map.of("DNASLAB_QUICK", "")).name());
    }

    @Test
    void dnaslabQuickOneTrueOrYesSelectsQuick() {
        for (String on : new String[] {"1", "true", "YES", " 1 "}) {
            assertTrue(from(Map.of(), Map.of("DNASLAB_QUICK", on)).isQuick(), on);
        }
    }

    @Test
    void theSystemPropertyWinsOverTheEnvironment() {
        assertFalse(from(Map.of("dnaslab.quick", "0"), Map.of("DNASLAB_QUICK", "1")).isQuick());
        assertTrue(from(Map.of("dnaslab.quick", "true"), Map.of()).isQuick());
    }

    @Test
    void quickShrinksEverythingThatCostsTimeAndFullUsesAllData() {
        Budget q = Budget.quick();
        Budget f = Budget.full();
        assertTrue(q.trainImages() > 0 && q.trainImages() <= 512);
        assertEquals(0, f.trainImages(), "full uses every training image");
        assertTrue(q.epochs() < f.epochs());
        assertTrue(q.channels() < f.channels());
        assertTrue(q.cells() <= f.cells());
        assertTrue(q.evalBatches() > 0);
        assertEquals(0, f.evalBatches(), "full measures on the whole validation split");
    }

    @Test
    void bothBudgetsGoThroughTheSameSearchConfigBuilder() {
        for (Budget b : new Budget[] {Budget.quick(), Budget.full()}) {
            SearchConfig c = b.searchConfig().build();
            assertEquals(b.epochs(), c.epochs());
            assertEquals(b.channels(), c.supernet().channels());
            assertEquals(b.cells(), c.supernet().cells());
            assertEquals(b.batchSize(), c.batchSize());
            assertEquals(b.trainImages(), c.trainLimit());
            assertEquals(b.evalBatches(), c.evalBatches());
            assertEquals("nb201", c.supernet().space());
        }
        SearchConfig redrawn = Budget.quick().searchConfig().optSplit("redrawn-halves").optSeed(3).build();
        assertEquals("redrawn-halves", redrawn.split());
        assertEquals(3, redrawn.supernet().seed());
    }

    @Test
    void theTrainingProtocolFollowsTheBudget() {
        var p = Budget.quick().trainingProtocol();
        assertEquals(Budget.quick().scratchEpochs(), p.epochs());
        assertEquals(Budget.quick().channels(), p.channels());
        assertEquals(Budget.quick().trainImages(), p.dataLimit());
        assertEquals("no tricks", p.describeTricks());
    }

    @Test
    void describeNamesTheBudgetAndItsSizes() {
        String d = Budget.quick().describe();
        assertTrue(d.startsWith("quick budget: 256 training"), d);
        assertTrue(d.contains("C 4"), d);
        assertTrue(Budget.full().describe().contains("all training"), Budget.full().describe());
    }

    @Test
    void aBudgetWithNoFullBatchPerSplitIsRefused() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Budget("tiny", 40, 0, 1, 4, 1, 32, 0, 1, 0, 0, 1, 1));
        assertTrue(e.getMessage().contains("no full batch"), e.getMessage());
    }
}
