package org.dnaslab.evaluate;

import org.dnaslab.train.LrSchedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class TrainingProtocolTest {

    /** Every field set away from its default, so an implementation that drops one is caught. */
    private static TrainingProtocol everythingSet() {
        return TrainingProtocol.builder().setEpochs(7).setChannels(12).setCells(2).setBatchSize(48)
                .setLearningRate(0.05).optLrSchedule(LrSchedule.cosine(0.002)).optMomentum(0.8).optWeightDecay(5e-4)
                .optGradClip(3).optCutout(8).optAuxiliaryWeight(0.4).optDropPath(0.2).optDataLimit(1234)
                .optSeed(42).build();
    }

    @Test
    void builderKeepsEveryField() {
        TrainingProtocol p = everythingSet();
        assertEquals(7, p.epochs());
        assertEquals(12, p.channels());
        assertEquals(2, p.cells());
        assertEquals(48, p.batchSize());
        assertEquals(0.05, p.learningRate());
        assertEquals(LrSchedule.cosine(0.002), p.lrSchedule());
        assertEquals(0.8, p.momentum());
        assertEquals(5e-4, p.weightDecay());
        assertEquals(3, p.gradClip());
        assertEquals(8, p.cutoutLength());
        assertEquals(0.4, p.auxiliaryWeight());
        assertEquals(0.2, p.dropPathProb());
        assertEquals(1234, p.dataLimit());
        assertEquals(42, p.seed());
        assertEquals(p, p.toBuilder().build());
    }

    @Test
    void jsonRoundTripKeepsEveryField() {
        TrainingProtocol p = everythingSet();
        String json = p.toJson();
        assertTrue(json.contains("\"cutoutLength\" : 8"), json);
        assertTrue(json.contains("\"dropPathProb\" : 0.2"), json);
        assertEquals(p, TrainingProtocol.fromJson(json));
    }

    @Test
    void jsonMissingAFieldIsAnErrorNotADefault() {
        String json = everythingSet().toJson().replaceAll("\"cutoutLength\" : 8,\\s*", "");
        var e = assertThrows(IllegalArgumentException.class, () -> TrainingProtocol.fromJson(json));
        assertTrue(e.getMessage().contains("cutoutLength"), e.getMessage());
    }

    @Test
    void jsonWithAnInvalidValueIsRejectedWithTheReason() {
        String json = everythingSet().toJson().replace("\"dropPathProb\" : 0.2", "\"dropPathProb\" : 1.5");
        var e = assertThrows(IllegalArgumentException.class, () -> TrainingProtocol.fromJson(json));
        assertTrue(e.getMessage().contains("dropPathProb must be in [0, 1)"), e.getMessage());
    }

    @Test
    void jsonWithAnUnknownFieldIsRejected() {
        String json = everythingSet().toJson().replace("{", "{ \"cutout\" : 16,");
        var e = assertThrows(IllegalArgumentException.class, () -> TrainingProtocol.fromJson(json));
        assertTrue(e.getMessage().contains("cutout"), e.getMessage());
    }

    @Test
    void buildNamesEveryMissingRequiredField() {
        var e = assertThrows(IllegalStateException.class,
                () -> TrainingProtocol.builder().setEpochs(3).setCells(1).build());
        assertEquals("training protocol: not set: channels (setChannels), batchSize (setBatchSize), "
                + "learningRate (setLearningRate)", e.getMessage());
    }

    @Test
    void buildNamesEveryInvalidValue() {
        var e = assertThrows(IllegalArgumentException.class, () -> TrainingProtocol.quick().toBuilder()
                .setEpochs(0).optCutout(-1).optDropPath(1).optMomentum(1.2).optLrSchedule(LrSchedule.cosine(0.5))
                .build());
        String m = e.getMessage();
        assertTrue(m.contains("epochs must be >= 1, got 0"), m);
        assertTrue(m.contains("cutoutLength must be >= 0, got -1"), m);
        assertTrue(m.contains("dropPathProb must be in [0, 1) (0 = off), got 1.0"), m);
        assertTrue(m.contains("momentum must be in [0, 1), got 1.2"), m);
        assertTrue(m.contains("lrSchedule's minimum 0.5 exceeds learningRate 0.025"), m);
    }

    @Test
    void describeTricksListsExactlyTheTricksThatAreOn() {
        assertEquals("cutout 16, auxiliary 0.4, drop-path 0.2", TrainingProtocol.full().describeTricks());
        assertEquals("no tricks", TrainingProtocol.quick().describeTricks());
        assertEquals("drop-path 0.3", TrainingProtocol.quick().toBuilder().optDropPath(0.3).build().describeTricks());
        assertEquals("cutout 8, auxiliary 0.4, drop-path 0.2", everythingSet().describeTricks());
    }

    @Test
    void presetsAreTheDocumentedProtocols() {
        TrainingProtocol full = TrainingProtocol.full();
        assertEquals(List.of(600, 36, 96), List.of(full.epochs(), full.channels(), full.batchSize()));
        assertEquals(LrSchedule.cosine(0), full.lrSchedule());
        assertEquals(0, full.dataLimit());
        TrainingProtocol quick = TrainingProtocol.quick();
        assertEquals(2000, quick.dataLimit());
        assertEquals(0, quick.cutoutLength() + quick.auxiliaryWeight() + quick.dropPathProb());
    }

    @Test
    void cosineScheduleStartsAtTheBaseRateAndFallsTowardsTheMinimum() {
        TrainingProtocol p = TrainingProtocol.quick().toBuilder().setEpochs(4).setLearningRate(0.025)
                .optLrSchedule(LrSchedule.cosine(0.001)).build();
        assertEquals(0.025, p.learningRate(0), 1e-15);
        // epoch 1: 0.001 + 0.024 * (1 + cos(pi/4)) / 2; epoch 2: halfway, 0.013.
        assertEquals(0.001 + 0.012 * (1 + Math.sqrt(0.5)), p.learningRate(1), 1e-15);
        assertEquals(0.013, p.learningRate(2), 1e-15);
        assertEquals(0.025, TrainingProtocol.quick().toBuilder().optLrSchedule(LrSchedule.constant()).build()
                .learningRate(2), 0);
        assertThrows(IllegalArgumentException.class, () -> p.learningRate(4));
    }

    @Test
    void fingerprintChangesWhenAnyFieldChanges() {
        TrainingProtocol base = everythingSet();
        List<UnaryOperator<TrainingProtocol.Builder>> changes = List.of(
                b -> b.setEpochs(8), b -> b.setChannels(13), b -> b.setCells(3), b -> b.setBatchSize(49),
                b -> b.setLearningRate(0.06), b -> b.optLrSchedule(LrSchedule.cosine(0.001)), b -> b.optMomentum(0.7),
                b -> b.optWeightDecay(4e-4), b -> b.optGradClip(0), b -> b.optCutout(9), b -> b.optAuxiliaryWeight(0.5),
                b -> b.optDropPath(0.1), b -> b.optDataLimit(0), b -> b.optSeed(43),
                b -> b.optLrSchedule(LrSchedule.cosinePerStep(0.002)));
        Set<String> prints = new HashSet<>();
        prints.add(base.fingerprint());
        for (var change : changes) {
            TrainingProtocol changed = change.apply(base.toBuilder()).build();
            assertNotEquals(base, changed);
            prints.add(changed.fingerprint());
        }
        assertEquals(changes.size() + 1, prints.size());
        assertEquals(base.fingerprint(), everythingSet().fingerprint());
    }

    /**
     * Issue 13: the schedule learned per-step annealing without changing the JSON or the fingerprint of any existing
     * protocol. quick's and full's values were printed by the code before that change; groundTruth became a new
     * protocol on purpose afterwards (3 epochs, per-step cosine), and its value is the header of the shipped
     * data/groundtruth table, so a silent change to it would orphan the table.
     */
    @Test
    void presetsKeepTheFingerprintsTheyHadBeforePerStepAnnealing() {
        assertEquals("8b1740eb", TrainingProtocol.quick().fingerprint());
        assertEquals("dcfbf58d", TrainingProtocol.groundTruth().fingerprint());
        assertEquals("99ce986d", TrainingProtocol.full().fingerprint());
        assertTrue(TrainingProtocol.quick().toJson().contains(
                "\"lrSchedule\" : {\n    \"kind\" : \"COSINE\",\n    \"minLearningRate\" : 0.001\n  }"),
                TrainingProtocol.quick().toJson());
    }

    @Test
    void aPerStepScheduleTravelsInJsonAndAnOldRecordReadsAsPerEpoch() {
        TrainingProtocol perStep = TrainingProtocol.quick().toBuilder()
                .optLrSchedule(LrSchedule.cosinePerStep(0.001)).build();
        String json = perStep.toJson();
        assertTrue(json.contains("\"annealing\" : \"PER_STEP\""), json);
        assertEquals(perStep, TrainingProtocol.fromJson(json));
        assertNotEquals(TrainingProtocol.quick().fingerprint(), perStep.fingerprint());
        String old = TrainingProtocol.quick().toJson();
        assertEquals(LrSchedule.Annealing.PER_EPOCH, TrainingProtocol.fromJson(old).lrSchedule().annealing());
        var unknown = assertThrows(IllegalArgumentException.class, () -> TrainingProtocol.fromJson(
                old.replace("\"kind\" : \"COSINE\"", "\"kind\" : \"COSINE\", \"warmup\" : 3")));
        assertTrue(unknown.getMessage().contains("warmup"), unknown.getMessage());
        var badAnnealing = assertThrows(IllegalArgumentException.class, () -> TrainingProtocol.fromJson(
                json.replace("PER_STEP", "PER_BATCH")));
        assertTrue(badAnnealing.getMessage().contains("PER_BATCH"), badAnnealing.getMessage());
    }

    @Test
    void perStepAnnealingMovesWithinAnEpochAndStartsEachEpochAtThePerEpochRate() {
        TrainingProtocol perEpoch = TrainingProtocol.quick().toBuilder().setEpochs(4).setLearningRate(0.025)
                .optLrSchedule(LrSchedule.cosine(0.001)).build();
        TrainingProtocol perStep = perEpoch.toBuilder().optLrSchedule(LrSchedule.cosinePerStep(0.001)).build();
        for (int e = 0; e < 4; e++) {
            assertEquals(perEpoch.learningRate(e), perStep.learningRate(e, 0, 10), 0, "epoch " + e + " step 0");
            assertEquals(perEpoch.learningRate(e), perEpoch.learningRate(e, 7, 10), 0, "per epoch, every step");
        }
        // epoch 1, step 5 of 10: position 1.5 of 4 epochs
        assertEquals(0.001 + 0.012 * (1 + Math.cos(Math.PI * 1.5 / 4)), perStep.learningRate(1, 5, 10), 1e-15);
        assertTrue(perStep.learningRate(3, 9, 10) < perEpoch.learningRate(3), "per step goes on falling");
        assertThrows(IllegalArgumentException.class, () -> perStep.learningRate(1, 10, 10));
    }
}
