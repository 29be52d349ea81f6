/** Speed and memory measurements of the library, side by side with the PyTorch reference in {@code bench/}. */
package org.dnaslab.bench;
