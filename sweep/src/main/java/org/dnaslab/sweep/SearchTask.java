package org.dnaslab.sweep;

import java.nio.file.Path;
import java.util.Optional;
import org.dnaslab.report.ResidentMemory;
import org.dnaslab.data.ImageDataset;
import org.dnaslab.evaluate.DartsSearchMethod;
import org.dnaslab.evaluate.MethodResult;
import org.dnaslab.store.ResultStore;
import org.dnaslab.progress.ProgressReporters;
import org.dnaslab.search.SearchConfig;
import org.dnaslab.space.Nb201Canonical;

/**
 * One search of a sweep: a method on a space under a budget, for one seed, stored under
 * {@code search/<method>/<space>/b-<budget digest>/seed-<s>}.
 *
 * @param method "darts" (first-order DARTS, cell read off by α magnitude)
 * @param space  the search space's name
 * @param budget the search budget
 * @param seed   the search seed
 * @param data   the images (the search splits the training set into weight and architecture halves)
 * @param store  the result store's directory
 */
public record SearchTask(String method, String space, SearchBudget budget, long seed, DataSource data, String store)
        implements SweepTask {

    public String storeKey() {
        return "search/" + method + "/" + space + "/b-" + TrainingTask.digest(budget.toString()) + "/seed-" + seed;
    }

    @Override
    public TaskOutcome run() {
        ResultStore results = ResultStore.open(Path.of(store));
        String key = storeKey();
        Optional<MethodResult> stored = results.find(key, MethodResult.class);
        MethodResult r = stored.orElseGet(() -> {
            ImageDataset train = data.load().train();
            SearchConfig config = SearchConfig.builder().setSpace(space).setEpochs(budget.epochs())
                    .optChannels(budget.channels()).optCells(budget.cells()).optBatchSize(budget.batch())
                    .optTrainLimit(budget.trainLimit()).optInput(train.channels(), train.height())
                    .optClasses(train.numClasses()).build();
            MethodResult found = DartsSearchMethod.builder(config, train).build()
                    .run(seed, ProgressReporters.silent().start("", 0));
            results.save(key, found);
            return found;
        });
        boolean nb201 = space.equals("nb201");
        String arch = r.architecture().toText();
        return new TaskOutcome("search", key, label(), arch, nb201 ? Nb201Canonical.key(r.architecture()) : arch,
                seed, r.accuracy(), Double.NaN, r.metrics().getOrDefault("searchSeconds", Double.NaN),
                stored.isEmpty(), ResidentMemory.currentMiB(), ResidentMemory.peakMiB());
    }

    @Override
    public String label() {
        return method + " " + budget + " seed " + seed;
    }
}
