package org.dnaslab.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.dnaslab.space.Architecture;
import org.dnaslab.space.SearchSpace;

/** Small stand-ins for the training code: a uniform NB201 sampler and a fake trainer that counts its calls. */
final class Fixtures {
    static final SearchSpace NB201 = SearchSpace.nb201();

    private Fixtures() {
    }

    static final ArchitectureSampler UNIFORM_NB201 = rng -> {
        List<String> ops = new ArrayList<>();
        for (int e = 0; e < NB201.edges().size(); e++) {
            ops.add(NB201.ops().get(rng.nextInt(NB201.ops().size())));
        }
        return Architecture.of(NB201, ops);
    };

    static Architecture nb201(String... ops) {
        return Architecture.of(NB201, List.of(ops));
    }

    /** An accuracy that depends only on the architecture: 0.5 plus 0.05 per 3x3 convolution. */
    static double fakeAccuracy(Architecture a) {
        return 0.5 + 0.05 * a.ops(org.dnaslab.space.CellType.NORMAL).stream().filter("nor_conv_3x3"::equals).count();
    }

    /** Counts calls and throws on call number {@code failOn} (1-based; 0 = never), like a process killed mid-run. */
    static final class CountingTrainer implements ArchitectureTrainer {
        final AtomicInteger calls = new AtomicInteger();
        final List<Architecture> trained = new ArrayList<>();
        private final int failOn;

        CountingTrainer(int failOn) {
            this.failOn = failOn;
        }

        @Override
        public TrainedResult train(Architecture architecture, TrainingProtocol protocol,
                                   org.dnaslab.progress.Progress progress) {
            int call = calls.incrementAndGet();
            if (call == failOn) {
                throw new IllegalStateException("simulated kill during training call " + call);
            }
            for (int e = 1; e <= protocol.epochs(); e++) {
                progress.update(e, "epoch " + e, Map.of());
            }
            trained.add(architecture);
            double acc = fakeAccuracy(architecture);
            return new TrainedResult(architecture, acc, acc + 0.1, protocol.epochs(), 1.5, protocol,
                    Map.of("params", 1000.0 + call));
        }
    }
}
