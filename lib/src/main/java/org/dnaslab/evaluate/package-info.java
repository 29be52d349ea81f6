/**
 * Honest evaluation (DESIGN.md §8): train architectures from scratch under a declared {@link
 * org.dnaslab.evaluate.TrainingProtocol}, compare a search method over several seeds with a random-sampling
 * baseline trained the same way ({@link org.dnaslab.evaluate.RelativeImprovement}), measure rank stability
 * ({@link org.dnaslab.evaluate.RankCorrelation}), and keep every finished training in a resumable
 * {@link org.dnaslab.evaluate.ResultStore}. The training itself plugs in through {@link
 * org.dnaslab.evaluate.ArchitectureTrainer} and {@link org.dnaslab.evaluate.SearchMethod}.
 */
package org.dnaslab.evaluate;
