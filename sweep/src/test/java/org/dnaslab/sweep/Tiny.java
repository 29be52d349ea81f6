package org.dnaslab.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dnaslab.train.LrSchedule;
import org.dnaslab.evaluate.TrainingProtocol;
import org.dnaslab.space.Architecture;

/** Settings small enough that a test trains a handful of cells in seconds. */
final class Tiny {
    static final DataSource DATA = DataSource.synthetic(128, 64);
    static final TrainingProtocol PROTOCOL = TrainingProtocol.builder().setEpochs(1).setChannels(4).setCells(1)
            .setBatchSize(32).setLearningRate(0.05).optLrSchedule(LrSchedule.cosine(0)).build();

    private Tiny() {
    }

    static List<Architecture> cells(int n) {
        return GroundTruthBuild.sampleOrder().subList(0, n);
    }

    static List<SweepTask> trainings(int cells, int seeds, Path store) {
        List<SweepTask> tasks = new ArrayList<>();
        for (Architecture c : cells(cells)) {
            for (long s = 0; s < seeds; s++) {
                tasks.add(TrainingTask.of(c, PROTOCOL, s, DATA, store.toString()));
            }
        }
        return tasks;
    }

    static List<String> labels(List<SweepTask> tasks) {
        return tasks.stream().map(SweepTask::label).toList();
    }
}
