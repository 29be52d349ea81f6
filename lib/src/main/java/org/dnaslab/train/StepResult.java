package org.dnaslab.train;

/**
 * What one training step measured.
 *
 * @param loss      the loss of the step's weight batch (as back-propagated, without added loss terms for the search)
 * @param correct   correctly classified images of that batch
 * @param images    images in that batch
 * @param lr        the weights' learning rate of the step
 * @param valLoss   loss of the architecture step's batch, NaN when there was none
 * @param valAcc    accuracy of the architecture step's batch, NaN when there was none
 * @param millis    wall time of the step (set by the loop)
 */
public record StepResult(double loss, long correct, int images, double lr, double valLoss, double valAcc,
                         double millis) {

    /** A weight step alone (no architecture step). */
    public static StepResult weights(double loss, long correct, int images, double lr) {
        return new StepResult(loss, correct, images, lr, Double.NaN, Double.NaN, 0);
    }

    /** The share of the batch classified correctly. */
    public double accuracy() {
        return (double) correct / images;
    }

    StepResult withMillis(double ms) {
        return new StepResult(loss, correct, images, lr, valLoss, valAcc, ms);
    }

    /** Which loss is not finite ("training loss NaN"), or null when both are (a NaN validation loss means none). */
    String nonFinite() {
        if (!Double.isFinite(loss)) {
            return "training loss " + loss;
        }
        return !Double.isNaN(valLoss) && !Double.isFinite(valLoss) ? "validation loss " + valLoss : null;
    }
}
