/**
 * Speed and memory measurements of the library, side by side with the PyTorch reference in {@code bench/}. A tool,
 * not library API: it reads {@code /proc} and starts Python, so it is to leave the library jar for the tools module
 * (issue 13), and nothing in the library may import it.
 */
package org.dnaslab.bench;
