package org.dnaslab.train;

import java.util.Map;

/**
 * Running sums of the current epoch's steps, in the two means the loops report: the mean over steps of each
 * step's loss and accuracy (the search and fine-tuning, whose batches are all full), and the mean over images
 * (training from scratch, whose last batch may be smaller). Kept in checkpoints so a resumed epoch reports the same.
 */
public final class EpochSums {
    private double loss;
    private double acc;
    private double millis;
    private int count;
    private double imageLoss;
    private long correct;
    private long images;

    void add(StepResult r) {
        loss += r.loss();
        acc += r.accuracy();
        millis += r.millis();
        count++;
        imageLoss += r.loss() * r.images();
        correct += r.correct();
        images += r.images();
    }

    /** Mean of the steps' losses so far (NaN before the first step). */
    public double meanLoss() {
        return count == 0 ? Double.NaN : loss / count;
    }

    /** Mean of the steps' accuracies so far (NaN before the first step). */
    public double meanAccuracy() {
        return count == 0 ? Double.NaN : acc / count;
    }

    /** Loss averaged over images rather than steps. */
    public double imageLoss() {
        return imageLoss / images;
    }

    /** Correctly classified share of all images of the steps so far. */
    public double imageAccuracy() {
        return (double) correct / images;
    }

    public int steps() {
        return count;
    }

    /** Wall time of the steps so far. */
    public double seconds() {
        return millis / 1000;
    }

    EpochSums copy() {
        EpochSums c = new EpochSums();
        c.loss = loss;
        c.acc = acc;
        c.millis = millis;
        c.count = count;
        c.imageLoss = imageLoss;
        c.correct = correct;
        c.images = images;
        return c;
    }

    void reset() {
        loss = 0;
        acc = 0;
        millis = 0;
        count = 0;
        imageLoss = 0;
        correct = 0;
        images = 0;
    }

    /** Writes the step means' sums under "sums.*" (the checkpoint keys since the first resumable search). */
    public void saveTo(Map<String, Double> m) {
        m.put("sums.loss", loss);
        m.put("sums.acc", acc);
        m.put("sums.millis", millis);
        m.put("sums.count", (double) count);
    }

    public void loadFrom(Map<String, Double> m) {
        loss = m.getOrDefault("sums.loss", 0.0);
        acc = m.getOrDefault("sums.acc", 0.0);
        millis = m.getOrDefault("sums.millis", 0.0);
        count = (int) Math.round(m.getOrDefault("sums.count", 0.0));
    }
}
