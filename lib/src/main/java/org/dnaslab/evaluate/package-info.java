/**
 * Honest evaluation (DESIGN.md §8): training architectures from scratch under a declared
 * {@link org.dnaslab.evaluate.TrainingProtocol} ({@link org.dnaslab.evaluate.ScratchTrainer}), the discretization
 * error and operation strength of a searched supernet, a search method over several seeds
 * ({@link org.dnaslab.evaluate.MultiSeedRunner}) against a random-sampling baseline trained the same way
 * ({@link org.dnaslab.evaluate.RandomBaseline}, {@link org.dnaslab.evaluate.RelativeImprovement}), rank stability
 * ({@link org.dnaslab.evaluate.RankCorrelation}), NB201 ground truth, and the stored result records, which name
 * their architecture in the space package's JSON form and carry their whole protocol. It consumes what search and
 * select produce; it must not draw (report does), and a command line or {@code main} does not belong here (tools).
 *
 * <pre>{@code
 * DataPair data = FashionMnist.load();
 * ScratchTrainer trainer = new ScratchTrainer(new DataPair(data.train(), data.test().limit(2000)));
 * TrainingProtocol protocol = TrainingProtocol.quick().toBuilder().setEpochs(4).build();
 * ResultStore store = ResultStore.open(Path.of("runs/honest"));
 * RandomBaseline.Result random = RandomBaseline.builder().setSpace(SearchSpace.nb201()).setTrainer(trainer)
 *         .setStore(store).build().run(protocol, 4, 0);
 * SearchConfig search = SearchConfig.builder().setSpace("nb201").optChannels(8).optCells(1).setEpochs(8)
 *         .optTrainLimit(1600).build();
 * MultiSeedRunner.Result darts = MultiSeedRunner.builder().setStore(store).optRetrain(trainer, protocol).build()
 *         .run("darts", DartsSearchMethod.builder(search, data.train()).build(), MultiSeedRunner.seeds(2));
 * RelativeImprovement ri = darts.relativeTo(random);
 * }</pre>
 */
package org.dnaslab.evaluate;
