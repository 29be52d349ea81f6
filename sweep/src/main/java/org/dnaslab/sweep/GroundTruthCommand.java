package org.dnaslab.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dnaslab.evaluate.GroundTruth;
import org.dnaslab.evaluate.TrainingProtocol;
import org.dnaslab.space.Architecture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./lab groundtruth}: builds or extends the shipped ground-truth table. */
@Command(name = "groundtruth", mixinStandardHelpOptions = true,
        description = {"Builds or extends data/groundtruth/ (the stand-alone accuracy of canonical NB201 cells on "
                + "Fashion-MNIST under TrainingProtocol.groundTruth()), one Spark task per training.",
                "Reruns resume: trainings in the table or the result store are not repeated."})
final class GroundTruthCommand implements Callable<Integer> {
    @Option(names = "--cells", defaultValue = "1000",
            description = "cells of the fixed uniform sample of the 4,660 canonical cells (default ${DEFAULT-VALUE})")
    int cells;

    @Option(names = "--seeds", defaultValue = "2", description = "seeds on the multi-seed cells (default ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--multi-seed-cells", defaultValue = "200",
            description = "the first N cells of the sample get every seed (default ${DEFAULT-VALUE})")
    int multiSeedCells;

    @Option(names = "--arch", description = "an NB201 cell to add with every seed (repeatable)")
    List<String> archs = new ArrayList<>();

    @Option(names = "--master", description = "Spark master URL (default: spark-submit's, else local[2])")
    String master;

    @Option(names = "--table", description = "table file (default: the repository's " + GroundTruth.DEFAULT_FILE + ")")
    Path table;

    @Option(names = "--store", defaultValue = "build/groundtruth-store",
            description = "result store shared by all executors (default ${DEFAULT-VALUE})")
    Path store;

    @Option(names = "--data", description = "idx directory (default: $DNASLAB_DATA or Debian's Fashion-MNIST)")
    String data;

    @Option(names = "--chunk", defaultValue = "20", description = "tasks per Spark job; the table is written after each")
    int chunk;

    @Override
    public Integer call() {
        List<Architecture> extra = new ArrayList<>();
        for (String a : archs) {
            try {
                extra.add(Architecture.parseNb201(a));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--arch '" + a + "' is not an NB201 string (expected e.g. "
                        + "|nor_conv_3x3~0|+|skip_connect~0|nor_conv_1x1~1|+|none~0|avg_pool_3x3~1|nor_conv_3x3~2|): "
                        + e.getMessage(), e);
            }
        }
        GroundTruthBuild build = new GroundTruthBuild(table != null ? table : GroundTruth.defaultFile(),
                TrainingProtocol.groundTruth(), cells, seeds, multiSeedCells, extra,
                new DataSource(DataSource.FASHION_MNIST, data, 0, 0), store.toAbsolutePath(), master, chunk);
        GroundTruth t = build.run(System.out);
        System.out.println("[groundtruth] " + t);
        return 0;
    }
}
