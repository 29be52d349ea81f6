/**
 * Terms added to the architecture loss of a search through {@link org.dnaslab.search.LossTerm}: the entropy penalty
 * on softmax(α) with its schedule, and DA2S's discretization-aware loss on α and the edge weights β (DESIGN.md §5).
 * A term is a function of the architecture parameters and the epoch: it holds no optimizer and runs no loop, and
 * search never imports this package (the caller hands the term in).
 */
package org.dnaslab.regularize;
