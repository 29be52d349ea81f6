/**
 * What {@code ./lab bench} measures: search steps, PT passes and the matmul peak, timed side by side with the PyTorch
 * reference in {@code bench/}. Tools only: the library never depends on it. The facts about where a figure was
 * measured that the library itself records (CPU steal, resident memory) live in {@code org.dnaslab.report}.
 */
package org.dnaslab.bench;
