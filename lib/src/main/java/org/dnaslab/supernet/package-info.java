/**
 * The weight-sharing supernet: mixed ops, search cells, the macro network of each space, the architecture
 * parameters (α, and DA2S's β) kept apart from the weights, committed edges and snapshots of the state, and the
 * discrete network of one architecture. It defines forward passes only: no optimizer, loss or epoch loop (search,
 * select and evaluate train it), and it does not choose an architecture (select does).
 */
package org.dnaslab.supernet;
