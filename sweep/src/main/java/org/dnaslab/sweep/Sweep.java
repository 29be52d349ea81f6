package org.dnaslab.sweep;

import java.io.PrintStream;
import java.util.List;
import org.dnaslab.store.AtomicFiles;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Runs a {@link SweepSpec} on Spark, one task per search or training, and gathers one table. */
public final class Sweep {
    private Sweep() {
    }

    /** Runs the spec (master: the spec's, else the one given, else the default) and writes store/sweep.csv. */
    public static Table run(SweepSpec spec, String master, PrintStream out) {
        List<SweepTask> tasks = spec.tasks();
        out.println("[sweep] " + spec.name() + ": " + tasks.size() + " tasks, store " + spec.store());
        ProgressLog log = new ProgressLog(out, "sweep", tasks.size());
        List<TaskOutcome> outcomes = SparkRunner.run(spec.master() != null ? spec.master() : master,
                "dnaslab sweep " + spec.name(), tasks, new RunTask(), tasks.stream().map(SweepTask::label).toList(),
                log);
        Table t = table(spec.name(), outcomes);
        AtomicFiles.writeString(spec.store().resolve("sweep.csv"), t.write().toString("csv"));
        out.println("[sweep] wrote " + spec.store().resolve("sweep.csv"));
        return t;
    }

    /** One row per task: kind, label, seed, arch, key, accuracy, params, seconds, trained_now, store_key. */
    public static Table table(String name, List<TaskOutcome> outcomes) {
        StringColumn kind = StringColumn.create("kind");
        StringColumn label = StringColumn.create("label");
        LongColumn seed = LongColumn.create("seed");
        StringColumn arch = StringColumn.create("arch");
        StringColumn key = StringColumn.create("key");
        DoubleColumn accuracy = DoubleColumn.create("accuracy");
        DoubleColumn params = DoubleColumn.create("params");
        DoubleColumn seconds = DoubleColumn.create("seconds");
        BooleanColumn trainedNow = BooleanColumn.create("trained_now");
        StringColumn storeKey = StringColumn.create("store_key");
        for (TaskOutcome o : outcomes) {
            kind.append(o.kind());
            label.append(o.label());
            seed.append(o.seed());
            arch.append(o.arch());
            key.append(o.cellKey());
            accuracy.append(o.accuracy());
            params.append(o.params());
            seconds.append(o.seconds());
            trainedNow.append(o.trainedNow());
            storeKey.append(o.storeKey());
        }
        return Table.create(name, kind, label, seed, arch, key, accuracy, params, seconds, trainedNow, storeKey);
    }
}
