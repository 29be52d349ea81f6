package org.dnaslab.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelEnvironmentTest {
    @Test
    void theProjectsNameWinsOverJJavasAndIJavas(@TempDir Path dir) throws IOException {
        Path ours = Files.createFile(dir.resolve("ours.jar"));
        Path theirs = Files.createFile(dir.resolve("theirs.jar"));
        KernelEnvironment env = new KernelEnvironment(Map.of("IJAVA_CLASSPATH", theirs.toString(),
                "DNASLAB_CLASSPATH", ours.toString()));
        assertEquals(List.of(ours), env.classpath());
    }

    @Test
    void pathListsExpandGlobsInOrderAndReportWhatMatchesNothing(@TempDir Path dir) throws IOException {
        Path a = Files.createFile(dir.resolve("a.jsh"));
        Path b = Files.createFile(dir.resolve("b.jsh"));
        KernelEnvironment env = new KernelEnvironment(Map.of("JJAVA_STARTUP_SCRIPTS_PATH",
                dir.resolve("*.jsh") + ":" + dir.resolve("missing.jsh")));
        assertEquals(List.of(a, b), env.startupScripts());
        assertEquals(1, env.problems().size());
        assertTrue(env.problems().get(0).startsWith("JJAVA_STARTUP_SCRIPTS_PATH: "), env.problems().get(0));
        assertTrue(env.problems().get(0).contains("missing.jsh"), env.problems().get(0));
    }

    @Test
    void compilerOptionsAreSplitLikeMagicArguments() {
        KernelEnvironment env = new KernelEnvironment(Map.of("IJAVA_COMPILER_OPTS", "-parameters -Xlint:'all'"));
        assertEquals(List.of("-parameters", "-Xlint:all"), env.compilerOptions());
    }
}
