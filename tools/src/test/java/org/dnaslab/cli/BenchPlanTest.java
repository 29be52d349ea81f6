package org.dnaslab.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./lab bench --plan}: the default run is planned within issue 14's 10 minutes, {@code --full} does more,
 * and a wrong case or layout is refused before anything runs. Nothing is timed.
 */
class BenchPlanTest {
    private static final Pattern TOTAL = Pattern.compile("about (\\d+) s in all");

    private static String plan(String... extra) {
        String[] args = new String[2 + extra.length];
        args[0] = "bench";
        args[1] = "--plan";
        System.arraycopy(extra, 0, args, 2, extra.length);
        PrintStream saved = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            assertEquals(0, LabCommand.run(args));
        } finally {
            System.setOut(saved);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private static int total(String plan) {
        Matcher m = TOTAL.matcher(plan);
        assertTrue(m.find(), plan);
        return Integer.parseInt(m.group(1));
    }

    @Test
    void theDefaultRunIsPlannedWithinTenMinutesAndEveryCaseHasAnEstimate() {
        String plan = plan();
        assertTrue(total(plan) <= 600, plan);
        for (String c : BenchCommand.STEP_CASES) {
            assertTrue(plan.contains(c + " ~"), c + " missing in " + plan);
        }
        for (String c : BenchCommand.OTHER_CASES) {
            assertTrue(plan.contains(c + " ~"), c + " missing in " + plan);
        }
        assertTrue(plan.contains("reference layouts nchw, channels-last"), plan);
    }

    @Test
    void fullDoesMore() {
        assertTrue(total(plan("--full")) > total(plan()));
        assertTrue(plan("--full").contains("repeats 15"));
    }

    @Test
    void anExplicitSettingWinsOverFull() {
        assertTrue(plan("--full", "--repeats", "4").contains("repeats 4,"));
    }

    @Test
    void fewerLayoutsPlanLess() {
        assertTrue(total(plan("--cases", "nb201_n1", "--reference-layouts", "nchw"))
                < total(plan("--cases", "nb201_n1")));
    }

    @Test
    void wrongCasesAndLayoutsAreRefused() {
        assertEquals(2, LabCommand.run("bench", "--plan", "--cases", "nb201_n2"));
        assertEquals(2, LabCommand.run("bench", "--plan", "--reference-layouts", "nhwc"));
        assertEquals(2, LabCommand.run("bench", "--plan", "--memory-case", "darts9"));
    }
}
