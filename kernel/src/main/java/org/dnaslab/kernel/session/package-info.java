/**
 * The Java session behind a notebook or a {@code jsh} script: JShell with the library on its class path and the
 * default imports, evaluation of cells (code and magics), completion, inspection and interrupt. It knows nothing about
 * the Jupyter protocol, so the kernel and the command line share it.
 */
package org.dnaslab.kernel.session;
