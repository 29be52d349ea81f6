package org.dnaslab.evaluate;

import org.dnaslab.select.PerturbationEvaluator;
import org.dnaslab.space.CellType;
import org.dnaslab.space.SearchSpace;
import org.dnaslab.supernet.Supernet;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * The PT paper's operation strength: the supernet's accuracy when one edge is discretized to one op (committed, the
 * rest of the supernet unchanged), next to that op's softmax(α). The two orderings disagree, which is the point of
 * DESIGN.md §4's plot.
 *
 * @param cell     cell type key
 * @param edge     edge index
 * @param edgeName the edge as "to<-from"
 * @param op       the op the edge was committed to
 * @param softmax  softmax(α) of the op on the edge
 * @param accuracy supernet accuracy with the edge committed to the op
 * @param supernet supernet accuracy with nothing committed (the same for all rows of a measurement)
 */
public record OperationStrength(String cell, int edge, String edgeName, String op, double softmax, double accuracy,
                                double supernet) {

    /** Every candidate op of every edge of every cell type, measured with the evaluator's path and images. */
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

    /** Columns: cell, edge, edgeName, op, softmax, accuracy, supernet. */
    public static Table table(List<OperationStrength> rows) {
        StringColumn cell = StringColumn.create("cell");
        IntColumn edge = IntColumn.create("edge");
        StringColumn name = StringColumn.create("edgeName");
        StringColumn op = StringColumn.create("op");
        DoubleColumn softmax = DoubleColumn.create("softmax");
        DoubleColumn accuracy = DoubleColumn.create("accuracy");
        DoubleColumn supernet = DoubleColumn.create("supernet");
        for (OperationStrength r : rows) {
            cell.append(r.cell());
            edge.append(r.edge());
            name.append(r.edgeName());
            op.append(r.op());
            softmax.append(r.softmax());
            accuracy.append(r.accuracy());
            supernet.append(r.supernet());
        }
        return Table.create("operation strength", cell, edge, name, op, softmax, accuracy, supernet);
    }
}
