package org.dnaslab.space;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/** Draws architectures uniformly from a space: the random baseline of Yang et al.'s relative improvement. */
final class UniformSampler {
    private UniformSampler() {
    }

    static Architecture sample(SearchSpace space, SplittableRandom random) {
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(random, "random");
        Map<CellType, List<String>> ops = new EnumMap<>(CellType.class);
        Map<CellType, List<Boolean>> kept = new EnumMap<>(CellType.class);
        int edges = space.edges().size();
        for (CellType t : space.cellTypes()) {
            List<String> cellOps = new ArrayList<>(Collections.nCopies(edges, OpNames.NONE));
            List<Boolean> cellKept = new ArrayList<>(Collections.nCopies(edges, !space.keepsTopInputs()));
            if (!space.keepsTopInputs()) {
                for (int e = 0; e < edges; e++) {
                    List<String> c = space.candidates(t, e);
                    cellOps.set(e, c.get(random.nextInt(c.size())));
                }
            } else {
                for (int node = space.inputNodes(); node < space.nodeCount(); node++) {
                    List<Integer> incoming = new ArrayList<>(space.incoming(node));
                    // A partial Fisher-Yates shuffle: the first k entries are a uniform k-subset.
                    for (int i = 0; i < space.inputsKeptPerNode(); i++) {
                        int j = i + random.nextInt(incoming.size() - i);
                        Collections.swap(incoming, i, j);
                        int e = incoming.get(i);
                        List<String> real = space.candidates(t, e).stream()
                                .filter(o -> !o.equals(OpNames.NONE)).toList();
                        cellOps.set(e, real.get(random.nextInt(real.size())));
                        cellKept.set(e, Boolean.TRUE);
                    }
                }
            }
            ops.put(t, cellOps);
            kept.put(t, cellKept);
        }
        return Architecture.of(space, ops, kept);
    }
}
