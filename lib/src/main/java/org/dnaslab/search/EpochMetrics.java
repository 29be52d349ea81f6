package org.dnaslab.search;

import java.util.Map;

/**
 * Figures of one search epoch, as saved in the run record.
 *
 * @param epoch        0-based epoch
 * @param trainLoss    mean weight-step loss
 * @param trainAcc     mean weight-step accuracy
 * @param valLoss      supernet loss on the split's held-out images, which no weight step saw (batch statistics, no
 *                     gradients); with a fixed split, the architecture half
 * @param valAcc       supernet accuracy on the same images
 * @param lr           weight learning rate used in this epoch
 * @param seconds      wall time of the epoch
 * @param softmax      softmax(α) per cell type ("normal", "reduce"): [edge][op]
 * @param entropy      entropy of softmax(α) per cell type: [edge]
 * @param architecture the magnitude-selected architecture after this epoch, as text
 */
public record EpochMetrics(int epoch, double trainLoss, double trainAcc, double valLoss, double valAcc, double lr,
                           double seconds, Map<String, double[][]> softmax, Map<String, double[]> entropy,
                           String architecture) {
}
