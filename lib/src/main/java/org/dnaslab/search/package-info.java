/** The DARTS bilevel search: optimizers, schedules, listeners, checkpoints and run records. */
package org.dnaslab.search;
