/** Candidate operations (convolutions, pools, skips) as DJL blocks, with seeded initialisation. */
package org.dnaslab.ops;
