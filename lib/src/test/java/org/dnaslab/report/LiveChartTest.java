package org.dnaslab.report;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LiveChartTest {

    @Test
    void everyEpochRedrawsTheChartOfAllEpochsSoFar() {
        var history = ReportFixtures.nb201History(3);
        List<Object> shown = new ArrayList<>();
        var live = LiveChart.of(List::size, shown::add);
        history.forEach(live::onEpoch);
        assertEquals(List.of(1, 2, 3), shown);
        assertEquals(3, live.epochs().size());
    }
}
