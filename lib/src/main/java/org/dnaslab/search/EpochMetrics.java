package org.dnaslab.search;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.dnaslab.space.Architecture;
import org.dnaslab.space.CellType;
import org.dnaslab.space.SearchSpace;

import java.util.Map;
import java.util.Objects;

/**
 * Figures of one search epoch, as saved in the run record. The selected architecture carries its search space, so
 * whoever reads a history (charts, tables) knows the space and never infers it from array shapes.
 *
 * <p>JSON form: the fields below in this order, with the architecture as {@code "space"} (a name
 * {@link SearchSpace#byName} knows) and {@code "architecture"} (its {@link Architecture#toText() text form}).
 * Records written before the space was kept per epoch lack {@code "space"}; {@link RunRecord} then takes it from
 * its config.
 *
 * @param epoch        0-based epoch
 * @param trainLoss    mean weight-step loss
 * @param trainAcc     mean weight-step accuracy
 * @param valLoss      supernet loss on the split's held-out images, which no weight step saw (batch statistics, no
 *                     gradients); with a fixed split, the architecture half
 * @param valAcc       supernet accuracy on the same images
 * @param lr           weight learning rate used in this epoch
 * @param seconds      wall time of the epoch
 * @param softmax      softmax(α) per cell type of the space ("normal", "reduce"): [edge][op], ops in
 *                     {@link SearchSpace#ops()} order
 * @param entropy      entropy of softmax(α) per cell type: [edge]
 * @param architecture the magnitude-selected architecture after this epoch, in its space
 */
public record EpochMetrics(int epoch, double trainLoss, double trainAcc, double valLoss, double valAcc, double lr,
                           double seconds, Map<String, double[][]> softmax, Map<String, double[]> entropy,
                           Architecture architecture) {

    /**
     * @throws IllegalArgumentException when softmax(α) or its entropy lacks a cell type of the architecture's space
     *                                  or has another shape than [edges][ops] of that space
     */
    public EpochMetrics {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(softmax, "softmax");
        Objects.requireNonNull(entropy, "entropy");
        SearchSpace space = architecture.space();
        for (CellType t : space.cellTypes()) {
            double[][] p = softmax.get(t.key());
            double[] h = entropy.get(t.key());
            if (p == null || p.length != space.edges().size() || p[0].length != space.ops().size()) {
                throw new IllegalArgumentException("epoch " + epoch + ": softmax." + t.key() + " must be ["
                        + space.edges().size() + " edges][" + space.ops().size() + " ops] of the " + space.name()
                        + " space, got " + (p == null ? "nothing" : "[" + p.length + "][" + p[0].length + "]"));
            }
            if (h == null || h.length != space.edges().size()) {
                throw new IllegalArgumentException("epoch " + epoch + ": entropy." + t.key() + " must have one value per"
                        + " edge (" + space.edges().size() + ") of the " + space.name() + " space, got "
                        + (h == null ? "nothing" : h.length));
            }
        }
    }

    /** The search space of this epoch's architecture and softmax(α). */
    public SearchSpace space() {
        return architecture.space();
    }

    /** Mean over the cell type's edges of the entropy (nats) of softmax(α). */
    public double meanEntropy(CellType type) {
        double[] h = entropy.get(type.key());
        if (h == null) {
            throw new IllegalArgumentException("the " + space().name() + " space has no " + type.key() + " cell");
        }
        double sum = 0;
        for (double v : h) {
            sum += v;
        }
        return sum / h.length;
    }

    @JsonValue
    Stored stored() {
        return new Stored(epoch, trainLoss, trainAcc, valLoss, valAcc, lr, seconds, softmax, entropy,
                architecture.space().name(), architecture.toText());
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static EpochMetrics fromStored(Stored stored) {
        return stored.toMetrics(null);
    }

    /** The JSON form: the architecture as its space's name and its text, so run.json stays readable. */
    record Stored(int epoch, double trainLoss, double trainAcc, double valLoss, double valAcc, double lr,
                  double seconds, Map<String, double[][]> softmax, Map<String, double[]> entropy, String space,
                  String architecture) {

        /**
         * @param fallbackSpace the space to read the architecture in when this epoch names none (records written
         *                      before it was kept per epoch), or null when there is no such fallback
         */
        EpochMetrics toMetrics(String fallbackSpace) {
            String name = space != null ? space : fallbackSpace;
            if (name == null) {
                throw new IllegalArgumentException("epoch " + epoch + " has no 'space' to read its architecture in;"
                        + " a run record from before it was kept per epoch names it in config.supernet.space");
            }
            if (architecture == null) {
                throw new IllegalArgumentException("epoch " + epoch + " has no 'architecture'");
            }
            Architecture a;
            try {
                a = Architecture.parse(SearchSpace.byName(name), architecture);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("epoch " + epoch + ": 'architecture' is not a " + name
                        + " architecture: " + e.getMessage(), e);
            }
            return new EpochMetrics(epoch, trainLoss, trainAcc, valLoss, valAcc, lr, seconds, softmax, entropy, a);
        }
    }
}
