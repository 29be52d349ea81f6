/**
 * Candidate operations (convolutions, pools, skips, zero, factorized reduce, the auxiliary head) as DJL blocks with
 * seeded initialisation, and the small tensor helpers they share (forward mode, memory layout, drop path, in-place
 * copy). An op only computes its output: it knows no search space, no α and no training loop; mixing, weighting and
 * committing ops belong to supernet.
 */
package org.dnaslab.ops;
