/**
 * Rich output: the {@link org.dnaslab.kernel.display.Notebook} calls cells use ({@code display}, {@code updateDisplay},
 * {@code render}, {@code clearOutput}), how charts, tables and architectures render, and the live progress bar that
 * library loops update. Outside a kernel (in {@code jsh}) the same calls print plain text.
 */
package org.dnaslab.kernel.display;
