/**
 * What goes to disk and how: atomic file writes, the JSON helper and the project's version, used by run records,
 * result records and checkpoints so that an interrupted run loses nothing. The bottom of the dependency graph
 * beside data: it imports no other package of the library and knows no tensor.
 */
package org.dnaslab.store;
