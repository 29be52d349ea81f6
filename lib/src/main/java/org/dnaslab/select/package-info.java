/**
 * Architecture selection (discretization) behind one interface, {@link org.dnaslab.select.ArchitectureSelector}:
 * magnitude ({@link org.dnaslab.select.MagnitudeSelector}), perturbation-based PT with a cached-prefix fast path
 * ({@link org.dnaslab.select.PerturbationSelector}), fine-tuning of a (partly) committed supernet
 * ({@link org.dnaslab.select.FineTuner}), and the single-stage protocol
 * ({@link org.dnaslab.select.SingleStageProtocol}). Every selector returns a {@link org.dnaslab.select.Selection}:
 * the architecture and the log of its decisions.
 */
package org.dnaslab.select;
