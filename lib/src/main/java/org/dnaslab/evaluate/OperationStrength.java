package org.dnaslab.evaluate;

import org.dnaslab.data.ImageDataset;
import org.dnaslab.select.FineTuner;
import org.dnaslab.select.PerturbationEvaluator;
import org.dnaslab.space.CellType;
import org.dnaslab.space.SearchSpace;
import org.dnaslab.supernet.Supernet;
import org.dnaslab.supernet.SupernetSnapshot;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * The PT paper's operation strength: the supernet's accuracy when one edge is discretized to one op (committed, the
 * rest of the supernet unchanged), next to that op's softmax(α). The two orderings disagree, which is the point of
 * DESIGN.md §4's plot. Two measures:
 * <ul>
 *   <li>{@link #measureAfterTuning}, the paper's definition: the rest of the supernet is tuned after the edge is
 *       discretized (towards convergence, for {@code tuneEpochs} epochs), then measured;</li>
 *   <li>{@link #measure}, the immediate measure: no tuning, a cheap proxy ({@code tuneEpochs} 0).</li>
 * </ul>
 *
 * @param cell       cell type key
 * @param edge       edge index
 * @param edgeName   the edge as {@code "to<-from"}
 * @param op         the op the edge was committed to
 * @param softmax    softmax(α) of the op on the edge (the forward's op weight)
 * @param accuracy   supernet accuracy with the edge committed to the op (after the tuning, if any)
 * @param supernet   supernet accuracy with nothing committed and no tuning (the same for all rows of a measurement)
 * @param tuneEpochs epochs the supernet was tuned after the edge was discretized (0: the immediate measure)
 */
public record OperationStrength(String cell, int edge, String edgeName, String op, double softmax, double accuracy,
                                double supernet, int tuneEpochs) {

    /** An immediate measurement (no tuning). */
    public OperationStrength(String cell, int edge, String edgeName, String op, double softmax, double accuracy,
                             double supernet) {
        this(cell, edge, edgeName, op, softmax, accuracy, supernet, 0);
    }

    /**
     * The immediate measure (a proxy): every candidate op of every edge of every cell type, measured with the
     * evaluator's path and images right after the edge is discretized, without tuning.
     */
    public static List<OperationStrength> measure(Supernet net, PerturbationEvaluator evaluator) {
        SearchSpace space = net.space();
        List<OperationStrength> out = new ArrayList<>();
        for (CellType t : space.cellTypes()) {
            double[][] p = net.arch().softmaxSnapshot(t);
            for (int e = 0; e < space.edges().size(); e++) {
                List<String> ops = space.candidates(t, e);
                List<PerturbationEvaluator.Perturbation> trials = new ArrayList<>();
                for (String op : ops) {
                    trials.add(PerturbationEvaluator.Perturbation.commit(t, e, op));
                }
                PerturbationEvaluator.Measurement m = evaluator.measure(net, t, space.edges().get(e).to(), trials);
                for (int i = 0; i < ops.size(); i++) {
                    out.add(new OperationStrength(t.key(), e, space.edges().get(e).toString(), ops.get(i),
                            p[e][space.ops().indexOf(ops.get(i))], m.accuracies()[i], m.baseline()));
                }
            }
        }
        return out;
    }

    /**
     * Operation strength at convergence, as the PT paper defines it: for every candidate op of every edge, the edge
     * is committed to the op, the supernet is tuned with {@code tuner} (its other edges still mixed; α too when the
     * tuner takes α steps), and then measured. The supernet is put back as it was after each one, so every
     * measurement starts from the same trained supernet. Costs {@code tuner.epochs()} epochs per edge and op.
     *
     * @param weightImages indices of {@code data} the tuning trains the weights on
     * @param alphaImages  indices for the tuner's α steps, or null when it takes none
     */
    public static List<OperationStrength> measureAfterTuning(Supernet net, PerturbationEvaluator evaluator,
                                                             FineTuner tuner, ImageDataset data, int[] weightImages,
                                                             int[] alphaImages) {
        SearchSpace space = net.space();
        List<OperationStrength> out = new ArrayList<>();
        double supernet = evaluator.measure(net, space.cellTypes().get(0), space.nodeCount() - 1, List.of()).baseline();
        try (SupernetSnapshot trained = SupernetSnapshot.of(net)) {
            for (CellType t : space.cellTypes()) {
                double[][] p = net.arch().softmaxSnapshot(t);
                for (int e = 0; e < space.edges().size(); e++) {
                    int node = space.edges().get(e).to();
                    for (String op : space.candidates(t, e)) {
                        try {
                            net.arch().decisions().commit(t, e, op);
                            tuner.tune(net, data, weightImages, alphaImages);
                            double acc = evaluator.measure(net, t, node,
                                    List.of(PerturbationEvaluator.Perturbation.commit(t, e, op))).accuracies()[0];
                            out.add(new OperationStrength(t.key(), e, space.edges().get(e).toString(), op,
                                    p[e][space.ops().indexOf(op)], acc, supernet, tuner.epochs()));
                        } finally {
                            trained.restore();
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Columns: cell, edge, edgeName, op, softmax, accuracy, supernet, tuneEpochs. */
    public static Table table(List<OperationStrength> rows) {
        StringColumn cell = StringColumn.create("cell");
        IntColumn edge = IntColumn.create("edge");
        StringColumn name = StringColumn.create("edgeName");
        StringColumn op = StringColumn.create("op");
        DoubleColumn softmax = DoubleColumn.create("softmax");
        DoubleColumn accuracy = DoubleColumn.create("accuracy");
        DoubleColumn supernet = DoubleColumn.create("supernet");
        IntColumn tuneEpochs = IntColumn.create("tuneEpochs");
        for (OperationStrength r : rows) {
            cell.append(r.cell());
            edge.append(r.edge());
            name.append(r.edgeName());
            op.append(r.op());
            softmax.append(r.softmax());
            accuracy.append(r.accuracy());
            supernet.append(r.supernet());
            tuneEpochs.append(r.tuneEpochs());
        }
        return Table.create("operation strength", cell, edge, name, op, softmax, accuracy, supernet,
                tuneEpochs);
    }
}
