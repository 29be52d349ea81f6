/**
 * The DNAS Lab Jupyter kernel: a JShell session with the library ready, on jjava's Jupyter protocol support, plus its
 * kernelspec installer and the {@code jsh} command. Entry point: {@link org.dnaslab.kernel.KernelMain}.
 */
package org.dnaslab.kernel;
