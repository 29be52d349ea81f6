/** Run records, result records and checkpoints on disk: written atomically so that an interrupted run loses nothing. */
package org.dnaslab.store;
