package org.dnaslab.evaluate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.dnaslab.space.Architecture;

/**
 * One architecture trained from scratch: what was trained, how (the whole protocol), and how well it did.
 *
 * @param architecture  the architecture trained
 * @param testAccuracy  accuracy on the test split after the last epoch, in [0, 1]
 * @param trainAccuracy accuracy on the training data in the last epoch, in [0, 1]
 * @param epochs        epochs actually trained (the protocol's, unless the trainer says otherwise)
 * @param seconds       wall-clock training time
 * @param protocol      the protocol it was trained under
 * @param metrics       anything else worth keeping (parameter count, final loss, ...); display order kept
 */
public record TrainedResult(Architecture architecture, double testAccuracy, double trainAccuracy, int epochs,
                            double seconds, TrainingProtocol protocol, Map<String, Double> metrics) {

    public TrainedResult {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(protocol, "protocol");
        metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }
}
