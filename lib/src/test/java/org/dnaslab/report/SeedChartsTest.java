package org.dnaslab.report;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeedChartsTest {

    @Test
    void meanAndSpreadDrawsTheMeanWithTheStandardDeviationAsErrorBar() {
        CategoryChart c = SeedCharts.meanAndSpread("gap", "accuracy",
                SeedCharts.groups("λ = 0", List.of(0.2, 0.4, 0.3), "λ = 0.2", List.of(0.1)));
        var series = c.getSeriesMap().get("mean ± std");
        List<?> ys = List.copyOf(series.getYData());
        assertEquals(0.3, ((Number) ys.get(0)).doubleValue(), 1e-12);
        List<?> errors = List.copyOf(series.getExtraValues());
        assertEquals(0.1, ((Number) errors.get(0)).doubleValue(), 1e-12);
        assertEquals(0.0, ((Number) errors.get(1)).doubleValue(), 0.0, "one value has no spread");
        assertEquals(List.of("λ = 0 (n=3)", "λ = 0.2 (n=1)"), List.copyOf(series.getXData()));
    }

    @Test
    void groupedSeriesMustShareTheirGroups() {
        var a = SeedCharts.groups("x", List.of(1.0), "y", List.of(2.0));
        var b = SeedCharts.groups("x", List.of(1.0));
        var e = assertThrows(IllegalArgumentException.class,
                () -> SeedCharts.groupedMeanAndSpread("t", "v", Map.of("a", a, "b", b)));
        assertTrue(e.getMessage().contains("groups"), e.getMessage());
    }

    @Test
    void stripShowsEveryValueAsADotAroundItsGroupAndTheMean() {
        XYChart c = SeedCharts.strip("acc", "accuracy",
                SeedCharts.groups("random", List.of(0.5, 0.6, 0.7), "darts", List.of(0.8, 0.9)));
        var random = c.getSeriesMap().get("random (3)");
        assertEquals(3, random.getXData().length);
        for (double x : random.getXData()) {
            assertTrue(Math.abs(x - 1) <= 0.15 + 1e-12, "dots stay next to their group: " + x);
        }
        assertEquals(0.85, c.getSeriesMap().get("darts mean").getYData()[0], 1e-12);
    }

    @Test
    void aMissingOrNonFiniteValueIsNamed() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> SeedCharts.strip("t", "v", SeedCharts.groups("seed runs", List.of(0.1, Double.NaN))));
        assertTrue(e.getMessage().contains("seed runs"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SeedCharts.groups("only a name"));
    }
}
