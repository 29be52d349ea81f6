package org.dnaslab.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Application class data sharing for the kernel. Most of a cold start is loading classes (JShell's compiler above
 * all); a dynamic archive of the classes a startup loads, written once at install time, makes later starts map them
 * instead. An archive that no longer matches the jars (after a rebuild) is ignored by the JVM, silently; installing
 * again refreshes it.
 */
final class ClassDataSharing {
    /** The hidden command the archiving run executes: a kernel startup without Jupyter. */
    static final String TRAINING_COMMAND = "--cds-training";
    private static final long TIMEOUT_SECONDS = 180;

    private ClassDataSharing() {
    }

    static List<String> useArchive(Path archive) {
        // Without the log option a stale archive would print a warning on the kernel's output.
        return List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    /** Runs a kernel-like startup in a child JVM that archives the classes it loaded; false if that failed. */
    static boolean createArchive(Path archive, Path kernelJar, List<String> extraJvmOptions)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(KernelSpec.javaExecutable().toString());
        cmd.addAll(KernelSpec.jvmOptions(extraJvmOptions));
        cmd.add("-XX:ArchiveClassesAtExit=" + archive);
        cmd.add("-jar");
        cmd.add(kernelJar.toString());
        cmd.add(TRAINING_COMMAND);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> {
            try {
                return p.getInputStream().readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return false;
        }
        if (p.exitValue() != 0 || !Files.isRegularFile(archive)) {
            System.err.println(new String(output.join(), java.nio.charset.StandardCharsets.UTF_8));
            Files.deleteIfExists(archive);
            return false;
        }
        return true;
    }
}
