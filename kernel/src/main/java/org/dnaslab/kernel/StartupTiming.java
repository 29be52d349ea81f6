package org.dnaslab.kernel;

import java.lang.management.ManagementFactory;

/** With DNASLAB_TIMING=1, prints how long after JVM start each startup phase ended (to the kernel's stderr). */
final class StartupTiming {
    private static final boolean ON = "1".equals(System.getenv("DNASLAB_TIMING"));

    private StartupTiming() {
    }

    static void mark(String phase) {
        if (ON) {
            System.err.printf("[dnaslab timing] %6d ms  %s%n", ManagementFactory.getRuntimeMXBean().getUptime(), phase);
        }
    }
}
