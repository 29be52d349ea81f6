package org.dnaslab.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.dnaslab.ops.ForwardMode;
import org.dnaslab.progress.ProgressReporters;
import org.dnaslab.search.Gradients;
import org.dnaslab.search.Losses;
import org.dnaslab.space.Architecture;
import org.dnaslab.supernet.ForwardWeights;
import org.dnaslab.supernet.Supernet;
import org.junit.jupiter.api.Test;

/**
 * The training protocol's tricks, checked through {@link ScratchTrainer}'s own training steps: each test sets a
 * field that an implementation could ignore and looks at what the network was actually trained with, so a trainer
 * that drops the field fails here.
 */
class TrainingTricksTest {
    private static final Architecture CONVS = ScratchTrainerTest.CONVS;
    /** The cell's output (node 3) is one 1x1 convolution of its input; every other edge is none. */
    private static final Architecture ONE_CONV = Architecture.parseNb201(
            "|none~0|+|none~0|none~1|+|nor_conv_1x1~0|none~1|none~2|");
    /** The cell's output is its input through skip_connect: an identity, which drop-path must leave alone. */
    private static final Architecture ONE_SKIP = Architecture.parseNb201(
            "|none~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|");

    private static TrainingProtocol base() {
        return ScratchTrainerTest.tiny(1).toBuilder().optDataLimit(64).build();
    }

    private static void train(Architecture a, TrainingProtocol p, Consumer<ScratchTrainer.Step> inspector) {
        new ScratchTrainer(ScratchTrainerTest.GRATINGS, inspector::accept)
                .train(a, p, ProgressReporters.silent().start("", p.epochs()));
    }

    // ---------------------------------------------------------------- cutout

    @Test
    void cutoutZeroesOneSquareOfAtMostLengthSidesInEveryTrainingImage() {
        int length = 4;
        List<Integer> cutPerImage = new ArrayList<>();
        train(CONVS, base().toBuilder().optCutout(length).build(), s -> {
            float[] in = s.input().toFloatArray();
            float[] out = s.trained().toFloatArray();
            int n = (int) s.input().getShape().get(0);
            for (int i = 0; i < n; i++) {
                int minR = 99;
                int maxR = -1;
                int minC = 99;
                int maxC = -1;
                int cut = 0;
                for (int p = 0; p < 64; p++) {
                    float a = in[i * 64 + p];
                    float b = out[i * 64 + p];
                    if (a != b) {
                        assertTrue(b == 0f, "cutout only ever writes zeros, got " + b);
                        cut++;
                        minR = Math.min(minR, p / 8);
                        maxR = Math.max(maxR, p / 8);
                        minC = Math.min(minC, p % 8);
                        maxC = Math.max(maxC, p % 8);
                    }
                }
                assertTrue(cut > 0, "image " + i + " of step " + s.step() + " was not cut");
                assertTrue(maxR - minR < length && maxC - minC < length, "the cut is one square of side <= " + length);
                cutPerImage.add(cut);
            }
        });
        assertEquals(64, cutPerImage.size(), "every training image of the epoch went through cutout");
        assertTrue(cutPerImage.stream().anyMatch(c -> c == length * length), "an interior square is length x length");
        assertTrue(cutPerImage.stream().anyMatch(c -> c < length * length), "a square at a border is clipped");
    }

    @Test
    void withoutCutoutTheTrainedBatchIsTheNormalisedBatch() {
        int[] steps = {0};
        train(CONVS, base(), s -> {
            assertArrayEquals(s.input().toFloatArray(), s.trained().toFloatArray());
            steps[0]++;
        });
        assertEquals(2, steps[0]);
    }

    // ------------------------------------------------------------- drop-path

    @Test
    void dropPathRampsLinearlyOverTheEpochsAsInDarts() {
        Map<Integer, Double> rate = new TreeMap<>();
        train(CONVS, base().toBuilder().setEpochs(4).optDropPath(0.4).build(),
                s -> rate.merge(s.epoch(), s.net().dropPath(), (x, y) -> {
                    assertEquals(x, y, "one rate per epoch");
                    return x;
                }));
        assertEquals(List.of(0, 1, 2, 3), List.copyOf(rate.keySet()));
        assertEquals(0.0, rate.get(0), 1e-12);
        assertEquals(0.1, rate.get(1), 1e-12);
        assertEquals(0.2, rate.get(2), 1e-12);
        assertEquals(0.3, rate.get(3), 1e-12);
    }

    /** Runs the network's first cell on a large batch with and without the drop-path rate the trainer set. */
    private static float[][] cellWithAndWithout(Supernet net, int n) {
        try (AutoCloseable noGrad = Gradients.noGrad()) {
            NDArray x = net.manager().randomNormal(new ai.djl.ndarray.types.Shape(n, 1, 8, 8));
            NDList state = net.stem(x, ForwardMode.TRAIN);
            Supernet.Layer cell = net.layers().get(0);
            ForwardWeights dropping = ForwardWeights.of(net.arch()).withDropPath(net.dropPath(), new SplittableRandom(9));
            float[] dropped = cell.forward(state, dropping, ForwardMode.TRAIN).singletonOrThrow().toFloatArray();
            float[] plain = cell.forward(state, ForwardWeights.of(net.arch()), ForwardMode.TRAIN).singletonOrThrow()
                    .toFloatArray();
            return new float[][] {dropped, plain};
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void dropPathZeroesAConvolutionPathInTheGivenShareOfSamplesAndRescalesTheRest() {
        int n = 4000;
        double[] measured = {Double.NaN};
        // 2 epochs of p = 0.6: the second trains at 0.3.
        train(ONE_CONV, base().toBuilder().setEpochs(2).optDropPath(0.6).build(), s -> {
            if (s.epoch() != 1 || s.step() != 0) {
                return;
            }
            double p = s.net().dropPath();
            assertEquals(0.3, p, 1e-12);
            float[][] out = cellWithAndWithout(s.net(), n);
            int per = out[0].length / n;
            int zeroed = 0;
            for (int i = 0; i < n; i++) {
                boolean allZero = true;
                for (int k = i * per; k < (i + 1) * per; k++) {
                    allZero &= out[0][k] == 0f;
                }
                if (allZero) {
                    zeroed++;
                } else {
                    for (int k = i * per; k < (i + 1) * per; k++) {
                        assertEquals(out[1][k] / (1 - p), out[0][k], 1e-4 * (1 + Math.abs(out[0][k])),
                                "a kept path is scaled by 1/(1-p)");
                    }
                }
            }
            measured[0] = (double) zeroed / n;
        });
        // binomial standard deviation sqrt(0.3 * 0.7 / 4000) = 0.0072; allow 4 of them
        assertEquals(0.3, measured[0], 0.03, "share of samples whose path was dropped");
    }

    @Test
    void dropPathLeavesIdentityPathsAlone() {
        int[] checked = {0};
        train(ONE_SKIP, base().toBuilder().setEpochs(2).optDropPath(0.6).build(), s -> {
            if (s.epoch() == 1 && s.step() == 0) {
                assertEquals(0.3, s.net().dropPath(), 1e-12);
                float[][] out = cellWithAndWithout(s.net(), 500);
                assertArrayEquals(out[1], out[0], "skip_connect is never dropped");
                checked[0]++;
            }
        });
        assertEquals(1, checked[0]);
    }

    // ------------------------------------------------------- auxiliary head

    private static double ce(NDArray logits, NDArray labels) {
        return Losses.crossEntropy(logits, labels).getFloat();
    }

    private static boolean auxiliaryHeadHasGradient(Supernet net) {
        boolean any = false;
        for (Pair<String, Parameter> p : net.getParameters()) {
            if (p.getKey().contains("auxiliary") || p.getValue().getName().contains("auxiliary")) {
                NDArray g = Gradients.of(p.getValue().getArray());
                any |= g != null && g.abs().sum().getFloat() > 0;
            }
        }
        return any;
    }

    @Test
    void withWeightZeroTheLossIsThePlainCrossEntropyOfTheCutBatch() {
        int[] steps = {0};
        train(CONVS, base().toBuilder().optCutout(3).build(), s -> {
            assertFalse(s.net().hasAuxiliaryHead(), "no auxiliary head is built when its weight is 0");
            try (AutoCloseable noGrad = Gradients.noGrad()) {
                double main = ce(s.net().forward(s.trained(), ForwardMode.TRAIN), s.labels());
                assertEquals(main, s.loss(), 1e-5, "loss = CE(logits of the batch after cutout)");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            steps[0]++;
        });
        assertEquals(2, steps[0]);
    }

    @Test
    void withWeightAboveZeroTheAuxiliaryCrossEntropyIsAddedWithThatWeight() {
        double w = 0.4;
        int[] steps = {0};
        train(CONVS, base().toBuilder().optCutout(3).optAuxiliaryWeight(w).build(), s -> {
            assertTrue(s.net().hasAuxiliaryHead());
            assertTrue(auxiliaryHeadHasGradient(s.net()), "the auxiliary loss reaches the auxiliary head");
            try (AutoCloseable noGrad = Gradients.noGrad()) {
                NDList out = s.net().forwardWithAuxiliary(s.trained(), ForwardMode.TRAIN);
                double main = ce(out.get(0), s.labels());
                double aux = ce(out.get(1), s.labels());
                assertEquals(main + w * aux, s.loss(), 1e-5, "loss = CE(main) + w * CE(aux)");
                assertTrue(s.loss() - main > 0.1, "the auxiliary term is really there: " + (s.loss() - main));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            steps[0]++;
        });
        assertEquals(2, steps[0]);
    }
}
