package org.dnaslab.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The command that runs one bench case in a fresh JVM: the same java, JVM flags (system properties, memory, stack)
 * and class path as this one. A fresh process per case makes each case's peak resident memory its own, not the
 * largest case's before it.
 */
public final class ChildJvm {
    private ChildJvm() {
    }

    /** {@code java <this JVM's flags> -cp <class path> mainClass args...}. */
    public static List<String> command(String mainClass, List<String> args) {
        String java = ProcessHandle.current().info().command()
                .orElse(System.getProperty("java.home") + "/bin/java");
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // a debugger agent's port would clash with the parent's
            if (!flag.startsWith("-agentlib:jdwp")) {
                cmd.add(flag);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }
}
