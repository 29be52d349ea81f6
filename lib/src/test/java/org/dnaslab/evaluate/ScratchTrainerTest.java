package org.dnaslab.evaluate;

import org.dnaslab.train.LrSchedule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.dnaslab.data.DataPair;
import org.dnaslab.data.SyntheticData;
import org.dnaslab.progress.ProgressReporters;
import org.dnaslab.train.TrainingInterruptedException;
import org.dnaslab.space.Architecture;
import org.junit.jupiter.api.Test;

/** Training from scratch on 8x8 gratings with tiny networks (C 4, one cell per stage). */
class ScratchTrainerTest {
    static final DataPair GRATINGS = SyntheticData.gratings(640, 256, 4, 1, 8, 8, 5);
    static final Architecture CONVS = Architecture.parseNb201(
            "|nor_conv_3x3~0|+|nor_conv_3x3~0|skip_connect~1|+|skip_connect~0|nor_conv_1x1~1|nor_conv_3x3~2|");

    static TrainingProtocol tiny(int epochs) {
        return TrainingProtocol.builder().setEpochs(epochs).setChannels(4).setCells(1).setBatchSize(32)
                .setLearningRate(0.1).optLrSchedule(LrSchedule.cosine(0.005)).optSeed(3).build();
    }

    private static TrainedResult train(TrainingProtocol p) {
        return new ScratchTrainer(GRATINGS).train(CONVS, p, ProgressReporters.silent().start("", p.epochs()));
    }

    @Test
    void learnsTheGratingsWellAboveChanceInAFewEpochs() {
        TrainingProtocol p = tiny(4).toBuilder().optDataLimit(512).build();
        TrainedResult r = train(p);
        assertTrue(r.testAccuracy() > 0.6, "chance is 0.25; got " + r.testAccuracy());
        assertTrue(r.trainAccuracy() > 0.5, "train accuracy " + r.trainAccuracy());
        assertEquals(CONVS, r.architecture());
        assertEquals(p, r.protocol());
        assertEquals(4, r.epochs());
        assertTrue(r.seconds() > 0);
        assertEquals(List.of("params", "finalLoss", "testLoss", "trainImages", "testImages"),
                List.copyOf(r.metrics().keySet()));
        assertEquals(512, r.metrics().get("trainImages"), "dataLimit caps the training images");
        assertEquals(256, r.metrics().get("testImages"));
        assertTrue(r.metrics().get("finalLoss") < Math.log(4), "loss below chance level: " + r.metrics());
    }

    @Test
    void isDeterministicGivenTheSeedAndDependsOnIt() {
        TrainingProtocol p = tiny(1).toBuilder().optCutout(3).optDropPath(0.3).optAuxiliaryWeight(0.4)
                .optDataLimit(192).build();
        TrainedResult a = train(p);
        TrainedResult b = train(p);
        assertEquals(a.testAccuracy(), b.testAccuracy());
        assertEquals(a.metrics().get("finalLoss"), b.metrics().get("finalLoss"));
        assertEquals(a.metrics().get("testLoss"), b.metrics().get("testLoss"));
        TrainedResult other = train(p.withSeed(4));
        assertNotEquals(a.metrics().get("testLoss"), other.metrics().get("testLoss"));
    }

    @Test
    void progressCountsEpochsUpToTheProtocolsTotal() {
        TrainingProtocol p = tiny(2).toBuilder().optDataLimit(64).build();
        java.util.List<Long> steps = new java.util.ArrayList<>();
        new ScratchTrainer(GRATINGS).train(CONVS, p, new org.dnaslab.progress.Progress() {
            @Override
            public void update(long step, String phase, Map<String, Double> metrics) {
                steps.add(step);
            }

            @Override
            public void finish(String message) {
            }
        });
        assertEquals(0L, steps.get(0));
        assertEquals(2L, steps.get(steps.size() - 1));
        assertTrue(steps.contains(1L));
        for (int i = 1; i < steps.size(); i++) {
            assertTrue(steps.get(i) >= steps.get(i - 1), "progress never goes back: " + steps);
        }
    }

    /** Issue 13: a per-step cosine moves the rate within an epoch; per epoch, every step of an epoch shares one. */
    @Test
    void aPerStepScheduleAnnealsWithinAnEpoch() {
        TrainingProtocol perEpoch = tiny(2).toBuilder().optDataLimit(128).build();
        TrainingProtocol perStep = perEpoch.toBuilder().optLrSchedule(LrSchedule.cosinePerStep(0.005)).build();
        java.util.List<Double> epochRates = stepRates(perEpoch);
        java.util.List<Double> stepRates = stepRates(perStep);
        assertEquals(8, stepRates.size(), "4 steps of 32 in each of 2 epochs");
        assertEquals(java.util.Collections.nCopies(4, (double) 0.1f), epochRates.subList(0, 4), "per epoch: one rate");
        assertEquals(epochRates.get(0), stepRates.get(0), 0, "both start at the base rate");
        assertEquals(epochRates.get(4), stepRates.get(4), 0, "each epoch starts at the per-epoch rate");
        for (int i = 1; i < 8; i++) {
            assertTrue(stepRates.get(i) < stepRates.get(i - 1), "per step falls at every step: " + stepRates);
        }
        assertEquals((float) (0.005 + 0.095 * (1 + Math.cos(Math.PI * 1.25 / 2)) / 2), stepRates.get(5), 1e-9);
    }

    /** The learning rate of every step, as the trainer's progress shows it. */
    private static java.util.List<Double> stepRates(TrainingProtocol p) {
        java.util.List<Double> rates = new java.util.ArrayList<>();
        new ScratchTrainer(GRATINGS).train(CONVS, p, new org.dnaslab.progress.Progress() {
            @Override
            public void update(long step, String phase, Map<String, Double> metrics) {
                if (phase.contains(" step ")) {
                    rates.add(metrics.get("lr"));
                }
            }

            @Override
            public void finish(String message) {
            }
        });
        return rates;
    }

    @Test
    void anInterruptStopsWithAnExceptionNotAPartialResult() {
        Thread.currentThread().interrupt();
        try {
            var e = assertThrows(TrainingInterruptedException.class, () -> train(tiny(1)));
            assertTrue(e.getMessage().contains("interrupted at epoch 1/1, step 1/"), e.getMessage());
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt stays visible to the caller");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void refusesTestImagesOfAnotherShape() {
        DataPair mixed = new DataPair(GRATINGS.train(), SyntheticData.gratings(8, 8, 4, 1, 10, 10, 1).test());
        var e = assertThrows(IllegalArgumentException.class, () -> new ScratchTrainer(mixed));
        assertTrue(e.getMessage().contains("1x8x8") && e.getMessage().contains("1x10x10"), e.getMessage());
    }

    @Test
    void theFullProtocolBuildsDartsTwentyLayerNetworkAndNb201sSixCellsPerStage() {
        DataPair colour = SyntheticData.gratings(8, 8, 4, 3, 8, 8, 1);
        // C 4 instead of 36 keeps the test light; the depth is what is checked
        TrainingProtocol full = TrainingProtocol.full().toBuilder().setChannels(4).build();
        Architecture darts = Architecture.sample(org.dnaslab.space.SearchSpace.darts(), new java.util.SplittableRandom(1));
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager();
             org.dnaslab.supernet.Supernet net = new ScratchTrainer(colour).network(m, darts, full)) {
            assertEquals(20, net.layers().size(), "DARTS' evaluation network has 20 layers");
            long reductions = net.layers().stream()
                    .filter(l -> l.cell().type() == org.dnaslab.space.CellType.REDUCE).count();
            assertEquals(2, reductions);
        }
        assertEquals(6, new ScratchTrainer(GRATINGS).networkConfig(CONVS, TrainingProtocol.full()).cells(),
                "NB201 counts cells per stage");
    }
}
