/**
 * Search spaces (cells, edges and candidate operation names: NB201, DARTS and Zela et al.'s S1-S4) and discrete
 * architectures, with their text forms (NB201 strings, DARTS genotypes), JSON, NB201's canonical form and uniform
 * sampling. A pure description that every later stage shares: no tensors, no DJL, no training, and nothing about a
 * supernet or α; the space names what the other packages build and choose.
 */
package org.dnaslab.space;
