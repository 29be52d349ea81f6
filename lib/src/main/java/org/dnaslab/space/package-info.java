/**
 * Search spaces (cells, edges, candidate operations: NB201, DARTS and Zela et al.'s S1-S4) and discrete
 * architectures, with their text forms (NB201 strings, DARTS genotypes), JSON and uniform sampling.
 */
package org.dnaslab.space;
