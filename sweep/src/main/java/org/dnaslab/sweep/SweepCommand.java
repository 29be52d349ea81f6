package org.dnaslab.sweep;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import tech.tablesaw.api.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./lab sweep SPEC.json}: a grid of searches and trainings on Spark, gathered into one table. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Runs a sweep spec (searches: method x seed x budget; trainings: cells x seeds) on Spark and "
                + "prints the gathered table; the spec is checked whole before anything runs.")
final class SweepCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SPEC.json", description = "the sweep spec (see sweep/README.md)")
    Path spec;

    @Option(names = "--master", description = "Spark master URL when the spec names none (default: spark-submit's, "
            + "else local[2])")
    String master;

    @Override
    public Integer call() {
        SweepSpec s = SweepSpec.read(spec);
        Table t = Sweep.run(s, master, System.out);
        System.out.println(t.printAll());
        return 0;
    }
}
