package org.dnaslab.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the PyTorch oracle {@code torch_maths_reference.py} (a test resource next to this class) with Debian's
 * python3-torch through {@code /usr/bin/python3}, the interpreter bench/reference.py names, and parses its JSON.
 * Where that interpreter or its torch is missing the calling test is skipped, with the reason; any other failure
 * (the script errs, prints no JSON) fails it.
 */
final class TorchReference {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String SCRIPT = "torch_maths_reference.py";
    private static Boolean hasTorch;
    private static JsonNode answers;

    private TorchReference() {
    }

    /** Skips the calling test unless /usr/bin/python3 can import torch (asked once per JVM). */
    static synchronized void assumeTorch() {
        assumeTrue(Files.isExecutable(PYTHON), PYTHON + " is absent: the comparison against PyTorch is skipped"
                + " (install Debian's python3-torch to run it)");
        if (hasTorch == null) {
            hasTorch = run("-c", "import torch; print(torch.__version__)", null) != null;
        }
        assumeTrue(hasTorch, PYTHON + " cannot import torch: the comparison against PyTorch is skipped"
                + " (install Debian's python3-torch to run it)");
    }

    /** The oracle's answers (computed once per JVM); call {@link #assumeTorch} first. */
    static synchronized JsonNode answers() throws IOException {
        if (answers == null) {
            answers = compute();
        }
        return answers;
    }

    private static JsonNode compute() throws IOException {
        byte[] script;
        try (InputStream in = TorchReference.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + SCRIPT + " is missing next to "
                        + TorchReference.class.getName());
            }
            script = in.readAllBytes();
        }
        String out = run("-", null, script);
        if (out == null) {
            throw new IllegalStateException(PYTHON + " " + SCRIPT + " failed; run it by hand to see why");
        }
        return new ObjectMapper().readTree(out);
    }

    /** stdout of python with {@code args}, or null when it exits non-zero (its stderr goes to the test log). */
    private static String run(String arg, String code, byte[] stdin) {
        try {
            ProcessBuilder pb = code == null ? new ProcessBuilder(PYTHON.toString(), arg)
                    : new ProcessBuilder(PYTHON.toString(), arg, code);
            pb.redirectError(ProcessBuilder.Redirect.INHERIT);
            Process p = pb.start();
            try (OutputStream os = p.getOutputStream()) {
                if (stdin != null) {
                    os.write(stdin);
                }
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException(PYTHON + " did not finish within 5 minutes");
            }
            return p.exitValue() == 0 ? out.trim() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
