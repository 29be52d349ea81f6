package org.dnaslab.evaluate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.dnaslab.store.Json;
import org.dnaslab.train.LrSchedule;
import org.dnaslab.train.SgdSettings;

/**
 * How an architecture is trained from scratch: a declared value saved with every result, so a number always says
 * which tricks produced it (Yang et al. 2020 show that cutout, the auxiliary head and drop-path move accuracy
 * more than most search methods do).
 *
 * <p>Build with {@link #builder()} ({@code setX} for the required fields, {@code optX} for the rest) or start from
 * a preset and change it with {@link #toBuilder()}:
 * <pre>{@code
 * TrainingProtocol p = TrainingProtocol.quick().toBuilder().setEpochs(5).optCutout(16).build();
 * }</pre>
 * Every instance is valid: the canonical constructor (which JSON reading goes through too) checks every field.
 *
 * @param epochs          training epochs, at least 1
 * @param channels        channels of the first stage (C); later stages double it
 * @param cells           normal cells per stage: NB201's N; a DARTS-type network has 3 stages of that many normal
 *                        cells with a reduction cell between them, {@link #networkCells} = 3 × cells + 2 layers
 * @param batchSize       mini-batch size
 * @param learningRate    base learning rate of SGD on the weights
 * @param lrSchedule      how the learning rate moves over the epochs (or steps: {@link LrSchedule.Annealing})
 * @param momentum        SGD momentum, in [0, 1)
 * @param weightDecay     L2 weight decay, at least 0
 * @param gradClip        gradient-norm clip, 0 = off
 * @param cutoutLength    side of the cutout square in pixels, 0 = off ({@link Cutout})
 * @param auxiliaryWeight weight of the auxiliary head's loss, 0 = off ({@link AuxiliaryLoss})
 * @param dropPathProb    drop-path probability, in [0, 1), 0 = off ({@link org.dnaslab.ops.DropPath})
 * @param dataLimit       use at most this many training images, 0 = all
 * @param seed            seeds weight initialisation, data order and the tricks' randomness
 */
public record TrainingProtocol(int epochs, int channels, int cells, int batchSize, double learningRate,
                               LrSchedule lrSchedule, double momentum, double weightDecay, double gradClip,
                               int cutoutLength, double auxiliaryWeight, double dropPathProb, int dataLimit,
                               long seed) {

    public TrainingProtocol {
        List<String> problems = new ArrayList<>();
        atLeast(problems, "epochs", epochs, 1);
        atLeast(problems, "channels", channels, 1);
        atLeast(problems, "cells", cells, 1);
        atLeast(problems, "batchSize", batchSize, 1);
        atLeast(problems, "cutoutLength", cutoutLength, 0);
        atLeast(problems, "dataLimit", dataLimit, 0);
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            problems.add("learningRate must be finite and > 0, got " + learningRate);
        }
        if (lrSchedule == null) {
            problems.add("lrSchedule must be set");
        } else if (lrSchedule.minLearningRate() > learningRate) {
            problems.add("lrSchedule's minimum " + lrSchedule.minLearningRate() + " exceeds learningRate " + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            problems.add("momentum must be in [0, 1), got " + momentum);
        }
        nonNegative(problems, "weightDecay", weightDecay);
        nonNegative(problems, "gradClip (0 = off)", gradClip);
        nonNegative(problems, "auxiliaryWeight (0 = off)", auxiliaryWeight);
        if (!(dropPathProb >= 0 && dropPathProb < 1)) {
            problems.add("dropPathProb must be in [0, 1) (0 = off), got " + dropPathProb);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid training protocol: " + String.join("; ", problems));
        }
    }

    private static void atLeast(List<String> problems, String name, long value, long min) {
        if (value < min) {
            problems.add(name + " must be >= " + min + ", got " + value);
        }
    }

    private static void nonNegative(List<String> problems, String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            problems.add(name + " must be finite and >= 0, got " + value);
        }
    }

    /**
     * A few CPU minutes per architecture on Fashion-MNIST, for notebooks and CI: 3 epochs, C 8, 1 cell per stage,
     * batch 64, SGD lr 0.025 cosine to 0.001, momentum 0.9, wd 3e-4, clip 5, 2,000 training images, no tricks.
     * Its numbers rank architectures roughly at best; they are not results.
     */
    public static TrainingProtocol quick() {
        return builder().setEpochs(3).setChannels(8).setCells(1).setBatchSize(64).setLearningRate(0.025)
                .optLrSchedule(LrSchedule.cosine(0.001)).optDataLimit(2000).build();
    }

    /**
     * The protocol of the shipped ground-truth table ({@link GroundTruth}): stand-alone NB201 networks (affine batch
     * norm, tested with running statistics on all 10,000 Fashion-MNIST test images), 3 epochs on the first 10,000
     * training images, C 8, 1 cell per stage, batch 128, SGD lr 0.1 annealed by a cosine to 0 after every step,
     * momentum 0.9, wd 3e-4, clip 5, no tricks. Seed s trains {@code groundTruth().withSeed(s)}.
     *
     * <p>Why per step: annealed per epoch, a one-epoch training ends at its full rate, and its test accuracy moved by a
     * standard deviation of 0.099 between seeds, as much as the cells differed (the first protocol, fingerprint
     * c9aaca03, kept in {@code data/groundtruth/retired/}). Annealed per step, one epoch's seed noise fell to 0.013 on
     * 20 cells, and three epochs halved it again (0.007 on the first 6 cells) at three times the cost. How these
     * were measured and what they cost per cell is in DESIGN.md §10d.
     */
    public static TrainingProtocol groundTruth() {
        return builder().setEpochs(3).setChannels(8).setCells(1).setBatchSize(128).setLearningRate(0.1)
                .optLrSchedule(LrSchedule.cosinePerStep(0)).optDataLimit(10_000).build();
    }

    /**
     * DARTS' evaluation protocol (Liu et al. 2019, as its train.py runs it on CIFAR-10): 600 epochs, C 36, 20 layers
     * (6 normal cells per stage plus two reduction cells), batch 96, SGD lr 0.025 cosine to 0, momentum 0.9,
     * wd 3e-4, clip 5, with every trick on: cutout 16, auxiliary 0.4, drop-path 0.2. Hours per architecture on a
     * GPU; use it to reproduce the literature's setting, and compare it against a plain protocol to see the tricks.
     */
    public static TrainingProtocol full() {
        return builder().setEpochs(600).setChannels(36).setCells(6).setBatchSize(96).setLearningRate(0.025)
                .optLrSchedule(LrSchedule.cosine(0)).optCutout(16).optAuxiliaryWeight(0.4).optDropPath(0.2).build();
    }

    /**
     * The {@code cells} value of the network this protocol builds in {@code space} ({@link
     * org.dnaslab.supernet.SupernetConfig#cells()}): N per stage for NB201, and for DARTS-type spaces the total
     * number of layers, 3 × {@code cells} normal cells plus the two reduction cells (so {@link #full()}'s 6 give
     * DARTS' 20 layers).
     */
    public int networkCells(org.dnaslab.space.SearchSpace space) {
        return space.concatenatesOutput() ? 3 * cells + 2 : cells;
    }

    /** The tricks that are on, e.g. "cutout 16, auxiliary 0.4, drop-path 0.2", or "no tricks". */
    public String describeTricks() {
        List<String> on = new ArrayList<>();
        if (cutoutLength > 0) {
            on.add("cutout " + cutoutLength);
        }
        if (auxiliaryWeight > 0) {
            on.add("auxiliary " + plain(auxiliaryWeight));
        }
        if (dropPathProb > 0) {
            on.add("drop-path " + plain(dropPathProb));
        }
        return on.isEmpty() ? "no tricks" : String.join(", ", on);
    }

    /** One line for a table or a plot title. */
    public String describe() {
        return epochs + " epochs, C " + channels + ", " + cells + " cells/stage, batch " + batchSize + ", lr "
                + plain(learningRate) + " " + lrSchedule.describe() + ", momentum " + plain(momentum) + ", wd "
                + plain(weightDecay) + (gradClip > 0 ? ", clip " + plain(gradClip) : "")
                + (dataLimit > 0 ? ", " + dataLimit + " images" : ", all images") + ", seed " + seed + "; "
                + describeTricks();
    }

    /** The learning rate of {@code epoch} (0-based) under this protocol's schedule (its first step's, per step). */
    public double learningRate(int epoch) {
        return lrSchedule.learningRate(learningRate, epoch, epochs);
    }

    /** The learning rate of step {@code step} of {@code steps} in {@code epoch} under this protocol's schedule. */
    public double learningRate(int epoch, int step, int steps) {
        return lrSchedule.learningRate(learningRate, epoch, step, steps, epochs);
    }

    /** The weights' optimizer settings: SGD at the base {@code learningRate}, momentum, weight decay, clip. */
    public SgdSettings sgd() {
        return new SgdSettings(learningRate, momentum, weightDecay, gradClip);
    }

    /** A copy with another seed: the usual way to repeat one protocol over seeds. */
    public TrainingProtocol withSeed(long newSeed) {
        return toBuilder().optSeed(newSeed).build();
    }

    /** This protocol as JSON, one field per component (the form saved with results); {@link #fromJson} reads it. */
    public String toJson() {
        return Json.write(this);
    }

    /** Reads {@link #toJson()}'s form; a missing or unknown field is an error, and so is an invalid value. */
    public static TrainingProtocol fromJson(String json) {
        return Json.read(json, TrainingProtocol.class);
    }

    /** A short stable digest of the whole protocol, for keys that must differ when any field differs. */
    public String fingerprint() {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Json.write(this).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** An empty builder: the five required fields must be set; the rest default as {@link Builder} lists. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every field of this protocol, to change a few and build a new one. */
    public Builder toBuilder() {
        Builder b = new Builder().setEpochs(epochs).setChannels(channels).setCells(cells).setBatchSize(batchSize)
                .setLearningRate(learningRate);
        return b.optLrSchedule(lrSchedule).optMomentum(momentum).optWeightDecay(weightDecay).optGradClip(gradClip)
                .optCutout(cutoutLength).optAuxiliaryWeight(auxiliaryWeight).optDropPath(dropPathProb)
                .optDataLimit(dataLimit).optSeed(seed);
    }

    /**
     * Required: epochs, channels, cells, batch size, learning rate. Optional, with DARTS' defaults: schedule
     * cosine to 0, momentum 0.9, weight decay 3e-4, grad clip 5; tricks off, all data, seed 0.
     */
    public static final class Builder {
        private Integer epochs;
        private Integer channels;
        private Integer cells;
        private Integer batchSize;
        private Double learningRate;
        private LrSchedule lrSchedule = LrSchedule.cosine(0);
        private double momentum = 0.9;
        private double weightDecay = 3e-4;
        private double gradClip = 5;
        private int cutoutLength;
        private double auxiliaryWeight;
        private double dropPathProb;
        private int dataLimit;
        private long seed;

        private Builder() {
        }

        /** Training epochs, at least 1 (required). */
        public Builder setEpochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /** Channels of the first stage (C), at least 1; later stages double it (required). */
        public Builder setChannels(int channels) {
            this.channels = channels;
            return this;
        }

        /** Normal cells per stage, at least 1 (required); see {@link TrainingProtocol#networkCells}. */
        public Builder setCells(int cellsPerStage) {
            this.cells = cellsPerStage;
            return this;
        }

        /** Mini-batch size, at least 1 (required). */
        public Builder setBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** SGD's base learning rate on the weights, finite and positive (required). */
        public Builder setLearningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /** How the rate moves over the epochs, not null, its minimum at most the base rate (default cosine to 0). */
        public Builder optLrSchedule(LrSchedule schedule) {
            this.lrSchedule = Objects.requireNonNull(schedule, "lrSchedule");
            return this;
        }

        /** SGD momentum, in [0, 1) (default 0.9). */
        public Builder optMomentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        /** L2 weight decay, finite and ≥ 0 (default 3e-4). */
        public Builder optWeightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        /** Gradient-norm clip; 0 turns it off. */
        public Builder optGradClip(double gradClip) {
            this.gradClip = gradClip;
            return this;
        }

        /** Cutout square side in pixels; 0 turns it off. */
        public Builder optCutout(int length) {
            this.cutoutLength = length;
            return this;
        }

        /** Auxiliary head loss weight; 0 turns the head off. */
        public Builder optAuxiliaryWeight(double weight) {
            this.auxiliaryWeight = weight;
            return this;
        }

        /** Drop-path probability; 0 turns it off. */
        public Builder optDropPath(double probability) {
            this.dropPathProb = probability;
            return this;
        }

        /** At most this many training images; 0 means all. */
        public Builder optDataLimit(int images) {
            this.dataLimit = images;
            return this;
        }

        /** Seed of weight initialisation, data order and the tricks' randomness (default 0). */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Checks every field and names each one that is missing or out of range. */
        public TrainingProtocol build() {
            List<String> missing = new ArrayList<>();
            if (epochs == null) {
                missing.add("epochs (setEpochs)");
            }
            if (channels == null) {
                missing.add("channels (setChannels)");
            }
            if (cells == null) {
                missing.add("cells (setCells)");
            }
            if (batchSize == null) {
                missing.add("batchSize (setBatchSize)");
            }
            if (learningRate == null) {
                missing.add("learningRate (setLearningRate)");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("training protocol: not set: " + String.join(", ", missing));
            }
            return new TrainingProtocol(epochs, channels, cells, batchSize, learningRate, lrSchedule, momentum,
                    weightDecay, gradClip, cutoutLength, auxiliaryWeight, dropPathProb, dataLimit, seed);
        }
    }
}
