/**
 * Honest evaluation (DESIGN.md §8): train architectures from scratch under a declared {@link
 * org.dnaslab.evaluate.TrainingProtocol}, compare a search method over several seeds with a random-sampling
 * baseline trained the same way ({@link org.dnaslab.evaluate.RelativeImprovement}), measure rank stability
 * ({@link org.dnaslab.evaluate.RankCorrelation}), and keep every finished training in a resumable
 * {@link org.dnaslab.evaluate.ResultStore}.
 *
 * <p>The pieces:
 * <ul>
 *   <li>{@link org.dnaslab.evaluate.ScratchTrainer}, the {@link org.dnaslab.evaluate.ArchitectureTrainer}: the
 *       discrete network of {@link org.dnaslab.supernet.Supernet#discrete}, SGD, and the protocol's tricks
 *       ({@link org.dnaslab.evaluate.Cutout}, {@link org.dnaslab.ops.DropPath} ramped per epoch,
 *       {@link org.dnaslab.evaluate.AuxiliaryLoss}); test accuracy with running batch-norm statistics;</li>
 *   <li>{@link org.dnaslab.evaluate.RandomBaseline}: k architectures drawn by an
 *       {@link org.dnaslab.evaluate.ArchitectureSampler} ({@link org.dnaslab.evaluate.ArchitectureSampler#uniform},
 *       i.e. {@link org.dnaslab.space.Architecture#sample}, by default), each trained under the same protocol;</li>
 *   <li>{@link org.dnaslab.evaluate.MultiSeedRunner}: a {@link org.dnaslab.evaluate.SearchMethod} over seeds,
 *       each found architecture optionally retrained under the baseline's protocol;
 *       {@link org.dnaslab.evaluate.DartsSearchMethod} is DARTS as such a method;</li>
 *   <li>{@link org.dnaslab.evaluate.QuickHonestRun}: the whole pipeline on Fashion-MNIST in a few CPU minutes.</li>
 * </ul>
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
 *
 * Stored records name their architecture in the space package's JSON form
 * ({@link org.dnaslab.space.ArchitectureJson}) and carry their whole protocol.
 */
package org.dnaslab.evaluate;
