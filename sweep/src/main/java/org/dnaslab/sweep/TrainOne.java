package org.dnaslab.sweep;

import java.nio.file.Path;
import java.util.Optional;
import org.apache.spark.api.java.function.Function;
import org.dnaslab.report.ResidentMemory;
import org.dnaslab.store.ResultStore;
import org.dnaslab.evaluate.ScratchTrainer;
import org.dnaslab.evaluate.TrainedResult;

/**
 * The function a Spark task applies: one training, or none if the store already holds its result. The result is
 * saved (atomically) before the task returns, so a retried task, a rerun, or the task after a killed executor finds
 * it and trains nothing; only a training in flight is ever lost. The same function runs serially in
 * {@link SerialRunner}, which is how tests check that Spark changes nothing but the schedule.
 */
public final class TrainOne implements Function<TrainingTask, TaskOutcome> {
    private static final long serialVersionUID = 1L;

    @Override
    public TaskOutcome call(TrainingTask task) {
        return run(task);
    }

    public static TaskOutcome run(TrainingTask task) {
        ResultStore store = ResultStore.open(Path.of(task.store()));
        String key = task.storeKey();
        Optional<TrainedResult> stored = store.find(key, TrainedResult.class);
        boolean trainedNow = stored.isEmpty();
        TrainedResult result = stored.orElseGet(() -> {
            TrainedResult r = new ScratchTrainer(task.data().load()).train(task.architecture(),
                    task.trainingProtocol(), null);
            store.save(key, r);
            return r;
        });
        return new TaskOutcome("training", key, "", task.arch(), task.cellKey(), task.seed(), result.testAccuracy(),
                result.metrics().getOrDefault("params", Double.NaN), result.seconds(), trainedNow,
                ResidentMemory.currentMiB(), ResidentMemory.peakMiB());
    }
}
