package org.dnaslab.kernel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JVM settings every DNAS Lab process wants. The kernelspec passes them as {@code -D} options; they are also
 * applied at startup when missing, so {@code java -jar dnaslab-kernel.jar jsh} behaves the same.
 */
final class JvmDefaults {
    private JvmDefaults() {
    }

    /** System properties: no display needed, no downloads, and logging that stays out of notebooks. */
    static Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("java.awt.headless", "true");
        p.put("ai.djl.offline", "true");
        p.put("ai.djl.pytorch.num_interop_threads", "1");
        p.put("file.encoding", "UTF-8");
        // Library INFO lines (DJL's engine banner and CUDA probing) are noise in a notebook.
        p.put("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        // On a machine without a GPU, DJL warns about CUDA on every engine start.
        p.put("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
        // Bind the logger to the process's stderr before cells redirect System.err: logs go to the server log.
        p.put("org.slf4j.simpleLogger.cacheOutputStream", "true");
        return p;
    }

    /**
     * Options for the kernelspec's argv (on top of {@link #properties()}). Where the JVM knows it, glibc's heap is
     * trimmed every 5 s: PyTorch frees its tensors, but malloc keeps the pages in its arenas, and a notebook session's
     * resident memory would otherwise climb by hundreds of MiB with no live tensor (measured by ./lab soak).
     */
    static List<String> extraOptions() {
        List<String> options = new java.util.ArrayList<>(List.of("-Xss4m", "-XX:+UseG1GC"));
        if (knowsOption("TrimNativeHeapInterval")) {
            options.add("-XX:TrimNativeHeapInterval=5000");
        }
        return List.copyOf(options);
    }

    /** Whether this JVM (the one installing the kernelspec, which the kernel then runs on) has a HotSpot option. */
    static boolean knowsOption(String name) {
        try {
            java.lang.management.ManagementFactory.getPlatformMXBean(
                    com.sun.management.HotSpotDiagnosticMXBean.class).getVMOption(name);
            return true;
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    static void applyMissing() {
        properties().forEach((k, v) -> {
            if (System.getProperty(k) == null) {
                System.setProperty(k, v);
            }
        });
    }
}
