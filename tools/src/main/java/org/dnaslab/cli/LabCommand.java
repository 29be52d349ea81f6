package org.dnaslab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./lab search|bench|soak|findings|quick-honest …}: the command-line entry of the tools module. */
@Command(name = "lab", mixinStandardHelpOptions = true, versionProvider = LabCommand.Version.class,
        description = "DNAS Lab command line: differentiable NAS search and benchmarks.",
        subcommands = {SearchCommand.class, BenchCommand.class, SoakCommand.class, FindingsCommand.class,
                QuickHonestCommand.class})
public final class LabCommand implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (for tests). */
    public static int run(String... args) {
        return new CommandLine(new LabCommand())
                .setExecutionExceptionHandler((ex, cmd, parsed) -> {
                    // A user error (bad file, bad setting) deserves its message, not a stack trace.
                    cmd.getErr().println("lab: " + ex.getMessage());
                    return ex instanceof IllegalArgumentException || ex instanceof java.io.UncheckedIOException ? 2 : 1;
                })
                .execute(args);
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"DNAS Lab " + org.dnaslab.store.ProjectVersion.get()};
        }
    }
}
