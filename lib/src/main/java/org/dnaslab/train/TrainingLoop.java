package org.dnaslab.train;

import org.dnaslab.progress.Progress;
import org.dnaslab.progress.ProgressReporters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one loop every training runs: epochs of steps, from wherever it stands (a fresh loop starts at epoch 0 step 0;
 * one that stopped, or was restored from a checkpoint, continues at its position). Before each step it checks the
 * thread's interrupt flag (the contract is in the package comment); after each step it guards against a NaN or
 * infinite loss, times the step, adds it to the epoch's sums, tells the listeners and advances the progress bar.
 * What a step does and what an epoch needs is the {@link Body}'s business.
 */
public final class TrainingLoop {
    private final String task;
    private final int epochs;
    private final List<Listener> listeners;
    private final EpochSums sums = new EpochSums();
    private int epoch;
    private int step;
    private double seconds;

    /**
     * @param task   what is trained, for messages and the progress bar ("search nb201", "fine-tune")
     * @param epochs epochs of the whole training
     */
    public TrainingLoop(String task, int epochs, List<Listener> listeners) {
        if (epochs < 0) {
            throw new IllegalArgumentException(task + ": epochs must be >= 0, got " + epochs);
        }
        this.task = task;
        this.epochs = epochs;
        this.listeners = List.copyOf(listeners);
    }

    /** What a loop trains: how each epoch starts, what one step does, and what happens after an epoch. */
    public interface Body {
        /** Prepares {@code epoch} (data order, learning rate, tricks) and returns its number of steps, at least 1. */
        int startEpoch(int epoch);

        /** One step: forward, loss terms, backward, optimizer updates. */
        StepResult step(int epoch, int step, int steps);

        /**
         * After the last step of {@code epoch}; the loop already stands at the start of the next epoch.
         *
         * @param sums the finished epoch's sums
         */
        default void endEpoch(int epoch, EpochSums sums) {
        }

        /**
         * The loop saw an interrupt before a step and is about to throw {@link TrainingInterruptedException}; the
         * flag is cleared while this runs (files can be written) and set again afterwards.
         *
         * @return what was kept, for the exception's message ("the checkpoint holds …"), or ""
         */
        default String interrupted() {
            return "";
        }

        /**
         * A step's loss was not finite ({@code where}: "the training loss NaN at epoch 2, batch 2 of 3"): the end of
         * the {@link NonFiniteLossException}'s message, what the caller should know (what the last checkpoint holds,
         * what to do).
         */
        default String diverged(String where) {
            return ". Lower the learning rate or check the data.";
        }
    }

    /** Sees each step and each epoch as the loop finishes them. */
    public interface Listener {
        /** @param soFar the epoch's sums up to and including this step */
        default void onStep(int epoch, int step, int steps, StepResult result, EpochSums soFar) {
        }

        default void onEpoch(int epoch, EpochSums sums) {
        }
    }

    /** Runs to the last epoch (see the class comment); {@code progress} may be null for none. */
    public void run(Body body, Progress progress) {
        runUntil(epochs, body, progress);
    }

    /** As {@link #run}, but stops (normally) once {@code untilEpoch} epochs are done. */
    public void runUntil(int untilEpoch, Body body, Progress progress) {
        Progress bar = progress != null ? progress : ProgressReporters.silent().start("", 0);
        while (epoch < Math.min(untilEpoch, epochs)) {
            int steps = body.startEpoch(epoch);
            while (step < steps) {
                if (Thread.currentThread().isInterrupted()) {
                    throw interrupted(body, steps);
                }
                long t0 = System.nanoTime();
                StepResult r = body.step(epoch, step, steps);
                String bad = r.nonFinite();
                if (bad != null) {
                    String where = "the " + bad + " at epoch " + (epoch + 1) + ", batch " + (step + 1) + " of " + steps;
                    throw new NonFiniteLossException(task + " stopped: " + where + " (weight learning rate " + r.lr()
                            + ")" + body.diverged(where));
                }
                double ms = (System.nanoTime() - t0) / 1e6;
                seconds += ms / 1000;
                r = r.withMillis(ms);
                sums.add(r);
                step++;
                for (Listener l : listeners) {
                    l.onStep(epoch, step - 1, steps, r, sums);
                }
                bar.update((long) epoch * steps + step, "epoch " + (epoch + 1) + "/" + epochs, metrics(r));
            }
            EpochSums done = sums.copy();
            int finished = epoch;
            epoch++;
            step = 0;
            sums.reset();
            body.endEpoch(finished, done);
            for (Listener l : listeners) {
                l.onEpoch(finished, done);
            }
        }
    }

    private TrainingInterruptedException interrupted(Body body, int steps) {
        String where = task + " interrupted at epoch " + (epoch + 1) + "/" + epochs + ", step " + (step + 1) + "/"
                + steps;
        // Writing files with the flag set fails (interruptible channels), so it is put aside while the body saves.
        Thread.interrupted();
        String kept;
        try {
            kept = body.interrupted();
        } finally {
            Thread.currentThread().interrupt();
        }
        return new TrainingInterruptedException(where + (kept.isEmpty() ? "" : "; " + kept));
    }

    private static Map<String, Double> metrics(StepResult r) {
        Map<String, Double> map = new LinkedHashMap<>();
        map.put("loss", r.loss());
        map.put("acc", r.accuracy());
        if (!Double.isNaN(r.valAcc())) {
            map.put("val_acc", r.valAcc());
        }
        return map;
    }

    /** Epochs done (the epoch the loop stands in, 0-based). */
    public int epoch() {
        return epoch;
    }

    /** Steps done in the current epoch. */
    public int step() {
        return step;
    }

    public int epochs() {
        return epochs;
    }

    /** Wall time of all steps so far, restored ones included. */
    public double seconds() {
        return seconds;
    }

    /** The current epoch's running sums. */
    public EpochSums sums() {
        return sums;
    }

    /** "the end of epoch 2" or "epoch 3 after step 5": where the loop stands, for messages. */
    public String position() {
        return step == 0 ? "the end of epoch " + epoch : "epoch " + (epoch + 1) + " after step " + step;
    }

    /** Writes the position, the time and the epoch's sums, for a checkpoint. */
    public void saveTo(Map<String, Double> scalars) {
        scalars.put("epoch", (double) epoch);
        scalars.put("step", (double) step);
        scalars.put("seconds", seconds);
        sums.saveTo(scalars);
    }

    /** Restores what {@link #saveTo} wrote; the caller has checked that "epoch" and "step" are there. */
    public void loadFrom(Map<String, Double> scalars) {
        epoch = (int) Math.round(scalars.get("epoch"));
        step = (int) Math.round(scalars.get("step"));
        seconds = scalars.getOrDefault("seconds", 0.0);
        sums.loadFrom(scalars);
    }

    /** A loop with no listeners. */
    public static TrainingLoop of(String task, int epochs) {
        return new TrainingLoop(task, epochs, new ArrayList<>());
    }
}
