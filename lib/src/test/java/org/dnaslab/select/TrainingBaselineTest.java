package org.dnaslab.select;

import org.dnaslab.data.DataPair;
import org.dnaslab.data.SyntheticData;
import org.dnaslab.train.LrSchedule;
import org.dnaslab.evaluate.ScratchTrainer;
import org.dnaslab.evaluate.TrainedResult;
import org.dnaslab.evaluate.TrainingProtocol;
import org.dnaslab.progress.ProgressReporters;
import org.dnaslab.regularize.EntropyPenalty;
import org.dnaslab.search.DartsSearch;
import org.dnaslab.search.SearchResult;
import org.dnaslab.space.Architecture;
import org.dnaslab.space.CellType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pins what every training loop produces on tiny fixed-seed runs (DARTS first and second order, a loss term, β,
 * fine-tuning with α steps, PT, single stage, training from scratch), stored in training-baseline.txt as hex
 * floats. The entropy, single-stage and scratch values were computed by the code before the training loops were
 * merged into one (issue 13); the others by the merged code, which had reproduced the pre-merge values on the same
 * seeds within 1e-4.
 *
 * <p>The comparison allows 1e-4 (values within one run path are bit-identical, see DartsSearchTest; across CPUs
 * with other vector units the kernels round differently): a change of algorithm (another data order, another
 * learning rate, a step more or less) moves α by 1e-2 or more on these runs. Why these seeds: on a net this small,
 * some seeds are chaotic. A rounding difference flips a ReLU or the sign of Adam's first step (a step of ±lr
 * whatever the gradient's size), and α ends 1e-2 to 0.3 away: first order with seed 20 and second order with seed 8
 * did, once oneDNN was held to AVX2. The seeds used stay within 2e-6 of each other with AVX-512, with AVX2 (libtorch,
 * oneDNN and MKL held to it by ATEN_CPU_CAPABILITY, ONEDNN_MAX_CPU_ISA and MKL_ENABLE_INSTRUCTIONS) and without
 * vector kernels (ATEN_CPU_CAPABILITY=default). The lib module's build runs this test a second time with AVX2
 * kernels (lib/pom.xml). Run with {@code -Dbaseline.write=PATH} to write the current values to PATH instead.
 */
class TrainingBaselineTest {
    private static final double TOLERANCE = 1e-4;

    @Test
    void everyLoopGivesItsStoredValues() throws IOException {
        Map<String, double[]> now = compute();
        String out = System.getProperty("baseline.write");
        if (out != null) {
            StringBuilder sb = new StringBuilder();
            now.forEach((k, v) -> {
                sb.append(k);
                for (double d : v) {
                    sb.append(' ').append(Double.toHexString(d));
                }
                sb.append('\n');
            });
            Files.writeString(Path.of(out), sb.toString());
            return;
        }
        Map<String, double[]> before = stored();
        assertEquals(before.keySet(), now.keySet());
        List<String> exact = new ArrayList<>();
        for (String k : before.keySet()) {
            double[] b = before.get(k);
            double[] n = now.get(k);
            assertEquals(b.length, n.length, k);
            boolean same = true;
            for (int i = 0; i < b.length; i++) {
                assertTrue(Math.abs(b[i] - n[i]) <= TOLERANCE, k + "[" + i + "]: before " + b[i] + ", now " + n[i]
                        + " (kernels: " + System.getProperty("dnaslab.kernels", "this CPU's own") + ")");
                same &= Double.doubleToLongBits(b[i]) == Double.doubleToLongBits(n[i]);
            }
            exact.add(k + (same ? " bit-identical" : " within " + TOLERANCE));
        }
        System.out.println("training baseline: " + String.join(", ", exact));
    }

    private static Map<String, double[]> stored() throws IOException {
        try (InputStream in = TrainingBaselineTest.class.getResourceAsStream("training-baseline.txt")) {
            assertNotNull(in, "training-baseline.txt is missing from the test resources");
            Map<String, double[]> m = new LinkedHashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.trim().split(" ");
                double[] v = new double[parts.length - 1];
                for (int i = 1; i < parts.length; i++) {
                    v[i - 1] = Double.parseDouble(parts[i]);
                }
                m.put(parts[0], v);
            }
            return m;
        }
    }

    private static double[] alphaAndAccuracy(DartsSearch s, SearchResult r) {
        List<Double> v = new ArrayList<>();
        for (CellType t : s.supernet().space().cellTypes()) {
            for (float f : s.supernet().arch().alpha(t).toFloatArray()) {
                v.add((double) f);
            }
            if (s.supernet().arch().hasBeta()) {
                for (float f : s.supernet().arch().beta(t).toFloatArray()) {
                    v.add((double) f);
                }
            }
        }
        v.add(r.last().valAcc());
        v.add(r.last().trainLoss());
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double[] alpha(DartsSearch s) {
        float[] a = s.supernet().arch().alpha(CellType.NORMAL).toFloatArray();
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    private static Map<String, double[]> compute() {
        Map<String, double[]> m = new LinkedHashMap<>();
        try (DartsSearch s = DartsSearch.builder(Tiny.nb201(19, 3).build()).optProgress(false).build()) {
            m.put("nb201-first-order", alphaAndAccuracy(s, s.run(Tiny.DATA)));
            SelectionContext ctx = SelectionContext.of(s, Tiny.DATA);
            List<FineTuner.Epoch> epochs = FineTuner.from(ctx.config()).optAlphaSteps(true).setEpochs(2).build()
                    .tune(s.supernet(), ctx.data(), ctx.split().train(), ctx.split().val(), 1);
            double[] a = alpha(s);
            double[] v = java.util.Arrays.copyOf(a, a.length + 2);
            v[a.length] = epochs.get(1).trainLoss();
            v[a.length + 1] = epochs.get(1).trainAccuracy();
            m.put("fine-tune-alpha-steps", v);
        }
        try (DartsSearch s = DartsSearch.builder(Tiny.nb201(13, 2).optSecondOrder(true).build()).optProgress(false)
                .build()) {
            m.put("nb201-second-order", alphaAndAccuracy(s, s.run(Tiny.DATA)));
        }
        try (DartsSearch s = DartsSearch.builder(Tiny.nb201(9, 2).optAlphaFrozenEpochs(1).optSplit("fixed-fraction(0.7)")
                .build()).optLossTerm(EntropyPenalty.constant(0.1)).optProgress(false).build()) {
            m.put("nb201-entropy-frozen-fraction", alphaAndAccuracy(s, s.run(Tiny.DATA)));
        }
        try (DartsSearch s = DartsSearch.builder(Tiny.darts(15, 1).optEdgeWeights(true).optSplit("redrawn-halves").optTrainLimit(160).build()).optProgress(false)
                .build()) {
            m.put("darts-beta", alphaAndAccuracy(s, s.run(Tiny.DATA)));
        }
        try (DartsSearch s = Tiny.search(Tiny.nb201(17, 1).build())) {
            Selection sel = PerturbationSelector.builder().optInterval(1).optFinalTuneEpochs(1).optProgress(false)
                    .build().select(SelectionContext.of(s, Tiny.DATA));
            double[] a = alpha(s);
            double[] v = java.util.Arrays.copyOf(a, a.length + 1);
            v[a.length] = sel.architecture().toString().hashCode();
            m.put("pt", v);
        }
        SingleStageProtocol.Result single = SingleStageProtocol.builder(Tiny.nb201(12, 3).build()).setFreezeEpoch(1)
                .optEvalBatches(2).optProgress(false).build().run(Tiny.DATA, Tiny.DATA);
        m.put("single-stage", new double[] {single.supernetAccuracy(), single.discretizedAccuracy(),
                single.finalAccuracy(), single.twoStageAccuracy()});
        DataPair pair = SyntheticData.gratings(192, 64, 3, 1, 8, 8, 5);
        Architecture arch = Architecture.parseNb201(
                "|nor_conv_3x3~0|+|nor_conv_3x3~0|skip_connect~1|+|skip_connect~0|nor_conv_1x1~1|nor_conv_3x3~2|");
        TrainingProtocol p = TrainingProtocol.builder().setEpochs(2).setChannels(4).setCells(1).setBatchSize(32)
                .setLearningRate(0.1).optLrSchedule(LrSchedule.cosine(0.005)).optCutout(3).optDropPath(0.2)
                .optSeed(3).build();
        TrainedResult r = new ScratchTrainer(pair).train(arch, p, ProgressReporters.silent().start("", 2));
        m.put("scratch", new double[] {r.testAccuracy(), r.trainAccuracy(), r.metrics().get("finalLoss"),
                r.metrics().get("testLoss")});
        return m;
    }
}
