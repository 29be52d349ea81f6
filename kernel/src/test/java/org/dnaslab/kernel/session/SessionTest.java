package org.dnaslab.kernel.session;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One JShell session shared by the tests, as in a notebook: state carries over between cells. */
class SessionTest {
    private static Session session;

    @BeforeAll
    static void start() {
        Magics magics = new Magics().line("echo", "ARGS", "echo the arguments", (s, args) -> "echo:" + args);
        session = Session.start(Classpath.ofThisJvm(),
                List.of("import java.util.*;", "import java.util.concurrent.*;", "import static java.lang.Math.*;"), magics, 300);
    }

    @AfterAll
    static void stop() {
        session.close();
    }

    @Test
    void aFinalExpressionIsTheCellsValueAndStateCarriesOver() throws Exception {
        assertNull(session.eval("int base = 40;"));
        assertEquals(42, session.eval("int two = 2;\nbase + two"));
        assertEquals(List.of(1, 2), session.eval("List.of(1, 2)"));
    }

    @Test
    void everyDefaultImportIsInEffect() throws Exception {
        assertEquals(TimeUnit.SECONDS, session.eval("TimeUnit.SECONDS"));
        assertEquals(3, session.eval("max(2, 3)"));
        assertEquals(List.of(), session.eval("Collections.emptyList()"));
    }

    @Test
    void aBadDefaultImportIsSkippedAndTheOthersStillWork() throws Exception {
        try (Session other = Session.start(Classpath.ofThisJvm(),
                List.of("import java.util.*;", "import no.such.pkg.*;", "import java.util.function.*;"), new Magics(), 300)) {
            assertEquals(List.of(1), other.eval("Function<Integer, List<Integer>> f = List::of;\nf.apply(1)"));
        }
    }

    @Test
    void aFinalSemicolonHidesTheValue() throws Exception {
        assertNull(session.eval("new ArrayList<String>().add(\"x\");"));
    }

    @Test
    void userExceptionsArriveAsThrown() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> session.eval("throw new IllegalStateException(\"boom\");"));
        assertEquals("boom", e.getMessage());
    }

    @Test
    void errorsAreWrappedSoTheKernelLoopSurvives() {
        EvaluationException e = assertThrows(EvaluationException.class,
                () -> session.eval("int down(int n) { return down(n + 1); }\ndown(0);"));
        assertInstanceOf(StackOverflowError.class, e.getCause());
    }

    @Test
    void compileErrorsPointAtTheOffendingLine() {
        CompilationException e = assertThrows(CompilationException.class,
                () -> session.eval("int ok = 1;\n\nString s = ok.nope();"));
        assertTrue(e.getMessage().contains("(line 3)"), e.getMessage());
        assertTrue(e.report().contains("    String s = ok.nope();"), e.report().toString());
    }

    @Test
    void lineMagicsRunInOrderWithCode() throws Exception {
        assertEquals("echo:a b", session.eval("int before = 1;\n%echo a b"));
        assertThrows(IllegalArgumentException.class, () -> session.eval("%missing"));
    }

    @Test
    void interruptStopsALoopThatChecksAndOneThatDoesNot() throws Exception {
        for (String body : List.of("while (!Thread.currentThread().isInterrupted()) { } throw new RuntimeException(\"seen\");",
                "long n = 0; while (true) { n++; }")) {
            // the cell runs in this JVM: it announces through a system property that its loop is under way
            String token = "loop " + System.nanoTime();
            String loop = "System.setProperty(\"" + RUNNING + "\", \"" + token + "\");\n" + body;
            CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
                try {
                    session.eval(loop);
                    return null;
                } catch (Exception e) {
                    return e;
                }
            });
            awaitProperty(token, outcome);
            session.interrupt();
            Throwable t = outcome.get(60, TimeUnit.SECONDS);
            assertInstanceOf(CellInterruptedException.class, t, loop);
            assertEquals(3, session.eval("1 + 2"), "the session works after an interrupt");
        }
    }

    private static final String RUNNING = "dnaslab.sessiontest.running";

    /** Waits (up to a minute, for a loaded machine) until the cell has set {@link #RUNNING} to {@code token}. */
    private static void awaitProperty(String token, CompletableFuture<Throwable> outcome) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!token.equals(System.getProperty(RUNNING))) {
            assertFalse(outcome.isDone(), () -> "the cell ended before its loop started: " + outcome.join());
            assertTrue(System.nanoTime() < deadline, "the cell's loop did not start within 60 s");
            Thread.sleep(10);
        }
    }

    @Test
    void completionAndIsCompleteWorkPerSnippet() {
        String code = "int q = 1;\n\"abc\".toUpperCa";
        Session.Completion c = session.complete(code, code.length());
        assertEquals(List.of("toUpperCase("), c.matches());
        assertEquals(17, c.start());
        assertEquals(List.of(), session.complete("x", 99).matches(), "a cursor past the end is clamped, not an error");
        assertEquals("incomplete", session.isComplete("for (int i = 0; i < 2; i++) {").status());
        assertEquals("complete", session.isComplete("int z = 1;\n%echo x").status());
        assertEquals("invalid", session.isComplete("int x = );").status());
    }

    @Test
    void inspectionShowsSignaturesOrAVariable() throws Exception {
        assertTrue(session.inspect("Math.max", 8).contains("Math.max(int a, int b)"));
        session.eval("int inspected = 7;");
        assertTrue(session.inspect("inspected", 3).contains("inspected"));
    }
}
