package org.dnaslab.search;

/** Cosine annealing from {@code max} to {@code min} over {@code epochs}, stepped per epoch (DARTS's schedule). */
public record CosineSchedule(double max, double min, int epochs) {
    public double at(int epoch) {
        if (epochs <= 0) {
            return max;
        }
        return min + 0.5 * (max - min) * (1 + Math.cos(Math.PI * Math.min(epoch, epochs) / epochs));
    }
}
