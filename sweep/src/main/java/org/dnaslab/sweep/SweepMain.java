package org.dnaslab.sweep;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./lab groundtruth|sweep …} and the sweep bench: the Spark module's command-line entry. */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = "DNAS Lab sweeps on Apache Spark: ground-truth tables and grids of searches and trainings.",
        subcommands = {GroundTruthCommand.class, SweepCommand.class, SweepBenchCommand.class})
public final class SweepMain implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code. */
    public static int run(String... args) {
        oneThreadPerTask();
        return new CommandLine(new SweepMain())
                .setExecutionExceptionHandler((ex, cmd, parsed) -> {
                    String why = String.valueOf(ex.getMessage());
                    // SIGTERM or Ctrl-C runs Spark's shutdown hook, which cancels the job in flight with this message
                    String stopped = why.contains("SparkContext was shut down")
                            ? " (the process was stopped; finished trainings are kept in the result store, so the"
                            + " same command continues where this one stopped)" : "";
                    cmd.getErr().println("lab " + cmd.getCommandName() + ": " + why + stopped);
                    return ex instanceof IllegalArgumentException || ex instanceof java.io.UncheckedIOException ? 2 : 1;
                })
                .execute(args);
    }

    /**
     * Embedded local[N] runs its tasks in this JVM: one PyTorch thread each, unless the caller chose otherwise,
     * so N tasks use N cores. Must happen before the engine starts.
     */
    static void oneThreadPerTask() {
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", "1");
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
