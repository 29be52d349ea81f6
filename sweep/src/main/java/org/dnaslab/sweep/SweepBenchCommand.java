package org.dnaslab.sweep;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the throughput bench lands. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Sweep throughput bench.")
final class SweepBenchCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}
