package org.dnaslab.evaluate;

import org.dnaslab.progress.Progress;
import org.dnaslab.space.Architecture;

/**
 * Trains one architecture from scratch under a protocol and tests it; the training code implements this.
 * An implementation must honour every field of the protocol (tricks included; see {@link Cutout},
 * {@link org.dnaslab.ops.DropPath}, {@link AuxiliaryLoss}), take all randomness from {@code protocol.seed()}, and return a result
 * that names the same architecture and protocol. {@code progress} counts epochs (its total is
 * {@code protocol.epochs()}) and is closed by the caller.
 */
@FunctionalInterface
public interface ArchitectureTrainer {
    TrainedResult train(Architecture architecture, TrainingProtocol protocol, Progress progress);
}
