package org.dnaslab.search;

/**
 * Figures of one search step.
 *
 * @param epoch     0-based epoch
 * @param step      0-based step within the epoch
 * @param steps     steps per epoch
 * @param trainLoss loss of the weight step's batch
 * @param trainAcc  accuracy of the weight step's batch
 * @param valLoss   loss of the architecture step's batch (NaN when α did not step)
 * @param valAcc    accuracy of the architecture step's batch (NaN when α did not step)
 * @param lr        weight learning rate
 * @param millis    wall time of the step
 */
public record StepMetrics(int epoch, int step, int steps, double trainLoss, double trainAcc, double valLoss,
                          double valAcc, double lr, double millis) {
}
