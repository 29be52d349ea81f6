package org.dnaslab.select;

import org.dnaslab.space.Architecture;
import org.dnaslab.space.CellType;
import org.dnaslab.space.SearchSpace;
import org.dnaslab.supernet.ArchitectureParameters;
import org.dnaslab.supernet.MagnitudeDiscretization;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DARTS's discretization: on each edge the op with the largest softmax(α). NB201 keeps {@code none} as a
 * candidate and keeps every edge; DARTS-type spaces exclude {@code none} and keep, per node, the inputs whose
 * best op weighs most. With DA2S's edge weights β, an input's weight is its best op's weight times its edge weight
 * softmax(min(β, 1)) among the node's inputs, so β decides the topology as it does in the forward pass.
 */
public final class MagnitudeSelector implements ArchitectureSelector {

    /** The selector as an {@link ArchitectureSelector}; it only reads α (and β) and changes nothing. */
    public MagnitudeSelector() {
    }

    @Override
    public Selection select(SelectionContext context) {
        long t0 = System.nanoTime();
        ArchitectureParameters arch = context.supernet().arch();
        SearchSpace space = arch.space();
        Architecture chosen = select(arch);
        List<EdgeDecision> log = new ArrayList<>();
        for (CellType t : space.cellTypes()) {
            double[][] p = arch.softmaxSnapshot(t);
            for (int e = 0; e < space.edges().size(); e++) {
                Map<String, Double> scores = new java.util.LinkedHashMap<>();
                for (String op : space.candidates(t, e)) {
                    scores.put(op, p[e][space.ops().indexOf(op)]);
                }
                log.add(new EdgeDecision(log.size(), t, EdgeDecision.Kind.OP, space.edges().get(e).toString(), scores,
                        chosen.kept(t, e) ? chosen.op(t, e) : SearchSpace.NONE, Double.NaN));
            }
        }
        return new Selection(name(), chosen, log, (System.nanoTime() - t0) / 1e9);
    }

    @Override
    public String name() {
        return "magnitude";
    }

    /** Magnitude discretization of the supernet's α (and β); see {@link MagnitudeDiscretization}. */
    public static Architecture select(ArchitectureParameters arch) {
        return MagnitudeDiscretization.of(arch);
    }

    /** @param softmax per cell type, [edge][op] in {@link SearchSpace#ops()} order */
    public static Architecture select(SearchSpace space, Map<CellType, double[][]> softmax) {
        return MagnitudeDiscretization.of(space, softmax);
    }
}
