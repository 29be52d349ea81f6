/**
 * Terms added to the architecture loss of a search ({@link org.dnaslab.search.LossTerm}): the entropy penalty on
 * softmax(α) with a schedule, and DA2S's discretization-aware loss on α and the edge weights β (DESIGN.md §5).
 */
package org.dnaslab.regularize;
