/**
 * Architecture selection (discretization) behind one interface, {@link org.dnaslab.select.ArchitectureSelector}:
 * magnitude ({@link org.dnaslab.select.MagnitudeSelector}), perturbation-based PT with a cached-prefix fast path
 * ({@link org.dnaslab.select.PerturbationSelector}), fine-tuning of a (partly) committed supernet
 * ({@link org.dnaslab.select.FineTuner}) and the single-stage protocol
 * ({@link org.dnaslab.select.SingleStageProtocol}); every selector returns a {@link org.dnaslab.select.Selection},
 * the architecture and the log of its decisions, and {@link org.dnaslab.select.SelectionContext} carries the data
 * and split the search used. Selection starts from a trained supernet: select must not train a supernet from
 * scratch (search does), train the chosen architecture from scratch (evaluate does) or draw (report).
 */
package org.dnaslab.select;
