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
    void laptopIsTheDefaultWhenNothingIsSet() {
        assertEquals("laptop", from(Map.of(), Map.of()).name());
        assertEquals("laptop", from(Map.of(), Map.of("DNASLAB_QUICK", "0")).name());
        assertEquals("laptop", from(Map.of(), Map.of("DNASLAB_QUICK", "", "DNASLAB_BUDGET", " ")).name());
    }

    @Test
    void dnaslabBudgetNamesTheBudget() {
        assertEquals(Budget.quick(), from(Map.of(), Map.of("DNASLAB_BUDGET", "quick")));
        assertEquals(Budget.laptop(), from(Map.of(), Map.of("DNASLAB_BUDGET", " Laptop ")));
        assertEquals(Budget.paper(), from(Map.of(), Map.of("DNASLAB_BUDGET", "PAPER")));
        assertEquals(Budget.paper(), from(Map.of("dnaslab.budget", "paper"), Map.of("DNASLAB_BUDGET", "quick")),
                "the system property wins");
        assertEquals(Budget.quick(), from(Map.of(), Map.of("DNASLAB_BUDGET", "quick", "DNASLAB_QUICK", "1")));
    }

    @Test
    void anUnknownOrContradictoryBudgetIsRefusedWithTheNamesAllowed() {
        var unknown = assertThrows(IllegalArgumentException.class,
                () -> from(Map.of(), Map.of("DNASLAB_BUDGET", "huge")));
        assertTrue(unknown.getMessage().contains("'huge'") && unknown.getMessage().contains("[quick, laptop, paper]"),
                unknown.getMessage());
        var both = assertThrows(IllegalArgumentException.class,
                () -> from(Map.of(), Map.of("DNASLAB_BUDGET", "paper", "DNASLAB_QUICK", "1")));
        assertTrue(both.getMessage().contains("DNASLAB_QUICK") && both.getMessage().contains("DNASLAB_BUDGET=paper"),
                both.getMessage());
    }

    @Test
    void paperIsDartsPtsNb201SettingWithOneHundredSearchEpochs() {
        Budget p = Budget.paper();
        assertEquals(100, p.epochs());
        assertEquals(16, p.channels());
        assertEquals(5, p.cells());
        assertEquals(5, p.ptInterval());
        assertEquals(p, Budget.named("full"), "the old name still works");
    }

    @Test
    void theBuilderChangesOneKnobAndKeepsTheOthers() {
        Budget more = Budget.laptop().toBuilder().seeds(5).build();
        assertEquals(5, more.seeds());
        assertEquals(Budget.laptop().toBuilder().seeds(Budget.laptop().seeds()).build(), Budget.laptop());
        assertEquals(Budget.laptop().epochs(), more.epochs());
        assertEquals("laptop", more.name());
        var bad = assertThrows(IllegalArgumentException.class, () -> Budget.quick().toBuilder().epochs(0).build());
        assertTrue(bad.getMessage().contains("epochs"), bad.getMessage());
    }

    @Test
    void theBudgetsGrowFromQuickToLaptopToPaper() {
        Budget q = Budget.quick();
        Budget l = Budget.laptop();
        Budget p = Budget.paper();
        assertTrue(q.trainImages() < l.trainImages() && l.trainImages() > 0 && p.trainImages() == 0);
        assertTrue(q.epochs() < l.epochs() && l.epochs() < p.epochs());
        assertTrue(l.seeds() >= 3, "the laptop budget measures every claim over at least 3 seeds");
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
    void quickShrinksEverythingThatCostsTimeAndPaperUsesAllData() {
        Budget q = Budget.quick();
        Budget f = Budget.paper();
        assertTrue(q.trainImages() > 0 && q.trainImages() <= 512);
        assertEquals(0, f.trainImages(), "paper uses every training image");
        assertTrue(q.epochs() < f.epochs());
        assertTrue(q.channels() < f.channels());
        assertTrue(q.cells() <= f.cells());
        assertTrue(q.evalBatches() > 0);
        assertEquals(0, f.evalBatches(), "paper measures on the whole validation split");
    }

    @Test
    void bothBudgetsGoThroughTheSameSearchConfigBuilder() {
        for (Budget b : new Budget[] {Budget.quick(), Budget.laptop(), Budget.paper()}) {
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
        assertTrue(Budget.paper().describe().contains("all training"), Budget.paper().describe());
        assertTrue(d.contains("DNASLAB_BUDGET"), d);
    }

    @Test
    void aBudgetWithNoFullBatchPerSplitIsRefused() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Budget("tiny", 40, 0, 1, 4, 1, 32, 0, 1, 0, 0, 1, 1));
        assertTrue(e.getMessage().contains("no full batch"), e.getMessage());
    }
}
