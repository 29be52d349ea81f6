package org.dnaslab.kernel.session;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StackTracesTest {

    private static StackTraceElement frame(String cls, String method) {
        return new StackTraceElement(cls, method, cls + ".java", 1);
    }

    @Test
    void cutsEachTraceAfterItsLastCellFrameAndKeepsCauses() {
        IllegalStateException cause = new IllegalStateException("inner");
        cause.setStackTrace(new StackTraceElement[]{
                frame("org.dnaslab.search.Loop", "step"), frame("REPL.$JShell$7", "do_it$"),
                frame("jdk.internal.reflect.NativeMethodAccessorImpl", "invoke0")});
        RuntimeException top = new RuntimeException("outer", cause);
        top.setStackTrace(new StackTraceElement[]{
                frame("REPL.$JShell$5", "helper"), frame("REPL.$JShell$7", "do_it$"),
                frame("org.dnaslab.kernel.session.CellRunner", "invoke")});

        List<String> lines = StackTraces.cutToCell(top);

        assertEquals(List.of(
                "java.lang.RuntimeException: outer",
                "\tat cell code: helper(...)",
                "\tat cell code",
                "Caused by: java.lang.IllegalStateException: inner",
                "\tat org.dnaslab.search.Loop.step(org.dnaslab.search.Loop.java:1)",
                "\tat cell code"), lines);
    }

    @Test
    void aTraceWithoutCellFramesIsKeptWhole() {
        IllegalArgumentException e = new IllegalArgumentException("bad");
        e.setStackTrace(new StackTraceElement[]{frame("a.B", "c"), frame("d.E", "f")});
        assertEquals(3, StackTraces.cutToCell(e).size());
    }
}
