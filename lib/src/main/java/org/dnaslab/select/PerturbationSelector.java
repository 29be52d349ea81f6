package org.dnaslab.select;

import org.dnaslab.progress.Progress;
import org.dnaslab.progress.ProgressReporters;
import org.dnaslab.train.TrainingInterruptedException;
import org.dnaslab.search.Seeds;
import org.dnaslab.space.CellType;
import org.dnaslab.space.SearchSpace;
import org.dnaslab.supernet.ArchitectureParameters;
import org.dnaslab.supernet.EdgeDecisions;
import org.dnaslab.supernet.Supernet;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Perturbation-based architecture selection (PT; Wang et al., ICLR 2021), DESIGN.md §6.
 *
 * <p>Op steps: the undecided edges are visited in a seeded random order (one edge of each cell type per step);
 * on the edge, each candidate op is masked in turn and the accuracy measured on the split's held-out images (which no
 * weight step, not even PT's tuning, trains on); the op whose removal hurts most (lowest accuracy; ties go to the
 * earlier op) is committed as a hard one-hot. NB201 keeps {@code none}
 * as a candidate, whose removal changes nothing; DARTS-type spaces never choose it. Topology steps (DARTS-type
 * spaces, after all op steps): for each node with more than k inputs, in seeded random order, the input edge whose
 * removal gives the highest accuracy is dropped, again and again until k remain. Between decisions the supernet is
 * fine-tuned for {@code interval} epochs: SGD on the weights at a tenth of the search's learning rate, and Adam on α
 * unless α is fixed (or {@link Builder#optTrainAlpha} turns it off), each tuning epoch with a new seeded data order.
 * Unlike darts-pt, the optimizers' state (momentum, Adam moments) starts afresh at every tuning interval.
 *
 * <p>Edges committed before the selection starts count as decided. The selector leaves the supernet with every
 * decision committed and its tuned weights. Interrupted, it stops before its next decision or tuning step with
 * {@link TrainingInterruptedException} (the library's contract, {@link org.dnaslab.train}); the decisions taken so
 * far stay committed.
 */
public final class PerturbationSelector implements ArchitectureSelector {
    private static final long PURPOSE_EDGE_ORDER = 0x5054L;

    private final int interval;
    private final int finalTuneEpochs;
    private final int evalBatches;
    private final boolean trainAlpha;
    private final PerturbationEvaluator.Path path;
    private final Long seed;
    private final boolean progress;
    private final String name;

    private PerturbationSelector(Builder b) {
        this.interval = b.interval;
        this.finalTuneEpochs = b.finalTuneEpochs;
        this.evalBatches = b.evalBatches;
        this.trainAlpha = b.trainAlpha;
        this.path = b.path;
        this.seed = b.seed;
        this.progress = b.progress;
        this.name = b.name != null ? b.name : (trainAlpha ? "pt" : "pt-fixed-alpha");
    }

    /** A builder with the defaults listed on {@link Builder}. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Selection select(SelectionContext ctx) {
        long t0 = System.nanoTime();
        Supernet net = ctx.supernet();
        ArchitectureParameters arch = net.arch();
        SearchSpace space = arch.space();
        EdgeDecisions decisions = arch.decisions();
        long s = seed != null ? seed : ctx.seed();
        SplittableRandom rng = Seeds.stream(s, PURPOSE_EDGE_ORDER, 0);
        PerturbationEvaluator evaluator = new PerturbationEvaluator(ctx.data(), ctx.split().heldOut(), ctx.batchSize(),
                evalBatches, path);
        FineTuner tuner = FineTuner.from(ctx.config()).optLearningRate(ctx.config().weightLr() / 10)
                .optAlphaSteps(trainAlpha).optSeed(s).setEpochs(interval).build();

        List<EdgeDecision> log = new ArrayList<>();
        List<Runnable> steps = plan(space, decisions, rng, evaluator, net, log);
        int tuned = 0;
        try (Progress p = progress ? Progress.start("PT selection (" + path.name().toLowerCase() + ")", steps.size())
                : ProgressReporters.silent().start("", steps.size())) {
            for (int i = 0; i < steps.size(); i++) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new TrainingInterruptedException("PT selection interrupted after " + i + " of " + steps.size()
                            + " steps; the decisions taken so far stay committed");
                }
                steps.get(i).run();
                boolean last = i == steps.size() - 1;
                int tune = last ? finalTuneEpochs : interval;
                if (tune > 0) {
                    tuner.withEpochs(tune).tune(net, ctx.data(), ctx.split().train(), ctx.split().val(), tuned);
                    tuned += tune;
                }
                p.update(i + 1, "step " + (i + 1) + "/" + steps.size(),
                        Map.of("decisions", (double) log.size()));
            }
        }
        return new Selection(name, arch.decisions().toArchitecture(), log, (System.nanoTime() - t0) / 1e9, tuned);
    }

    /** {@code interval} epochs after every decision step but the last, then {@code finalTuneEpochs}. */
    @Override
    public int tuningEpochs(SelectionContext context) {
        ArchitectureParameters arch = context.supernet().arch();
        int steps = opSteps(arch.space(), arch.decisions()) + topologySteps(arch.space(), arch.decisions());
        return steps == 0 ? 0 : interval * (steps - 1) + finalTuneEpochs;
    }

    /** Op steps: one per undecided edge of the cell type with the most of them. */
    private static int opSteps(SearchSpace space, EdgeDecisions decisions) {
        int steps = 0;
        for (CellType t : space.cellTypes()) {
            steps = Math.max(steps, undecidedEdges(space, decisions, t).size());
        }
        return steps;
    }

    /** Topology steps: one per node with more inputs than it keeps, of the cell type with the most of them. */
    private static int topologySteps(SearchSpace space, EdgeDecisions decisions) {
        if (!space.keepsTopInputs()) {
            return 0;
        }
        int steps = 0;
        for (CellType t : space.cellTypes()) {
            steps = Math.max(steps, nodesToPrune(space, decisions, t).size());
        }
        return steps;
    }

    private static List<Integer> undecidedEdges(SearchSpace space, EdgeDecisions decisions, CellType t) {
        List<Integer> undecided = new ArrayList<>();
        for (int e = 0; e < space.edges().size(); e++) {
            if (!decisions.isCommitted(t, e) && !decisions.isDropped(t, e)) {
                undecided.add(e);
            }
        }
        return undecided;
    }

    private static List<Integer> nodesToPrune(SearchSpace space, EdgeDecisions decisions, CellType t) {
        List<Integer> nodes = new ArrayList<>();
        for (int node = space.inputNodes(); node < space.nodeCount(); node++) {
            if (keptInputs(space, decisions, t, node).size() > space.inputsKeptPerNode()) {
                nodes.add(node);
            }
        }
        return nodes;
    }

    /** The selection's steps in order: op steps (one edge per cell type each), then topology steps. */
    private List<Runnable> plan(SearchSpace space, EdgeDecisions decisions, SplittableRandom rng,
                                PerturbationEvaluator evaluator, Supernet net, List<EdgeDecision> log) {
        Map<CellType, List<Integer>> edgeOrder = new EnumMap<>(CellType.class);
        int opSteps = 0;
        for (CellType t : space.cellTypes()) {
            List<Integer> order = shuffled(undecidedEdges(space, decisions, t), rng);
            edgeOrder.put(t, order);
            opSteps = Math.max(opSteps, order.size());
        }
        List<Runnable> steps = new ArrayList<>();
        for (int k = 0; k < opSteps; k++) {
            int step = k;
            steps.add(() -> {
                for (CellType t : space.cellTypes()) {
                    List<Integer> order = edgeOrder.get(t);
                    if (step < order.size()) {
                        chooseOp(net, t, order.get(step), evaluator, log);
                    }
                }
            });
        }
        if (space.keepsTopInputs()) {
            Map<CellType, List<Integer>> nodeOrder = new EnumMap<>(CellType.class);
            int topoSteps = 0;
            for (CellType t : space.cellTypes()) {
                List<Integer> order = shuffled(nodesToPrune(space, decisions, t), rng);
                nodeOrder.put(t, order);
                topoSteps = Math.max(topoSteps, order.size());
            }
            for (int k = 0; k < topoSteps; k++) {
                int step = k;
                steps.add(() -> {
                    for (CellType t : space.cellTypes()) {
                        List<Integer> order = nodeOrder.get(t);
                        if (step < order.size()) {
                            pruneNode(net, t, order.get(step), evaluator, log);
                        }
                    }
                });
            }
        }
        return steps;
    }

    private static void chooseOp(Supernet net, CellType type, int edge, PerturbationEvaluator evaluator,
                                 List<EdgeDecision> log) {
        SearchSpace space = net.space();
        List<String> candidates = new ArrayList<>(space.candidates(type, edge));
        if (space.keepsTopInputs()) {
            candidates.remove(SearchSpace.NONE);
        }
        List<PerturbationEvaluator.Perturbation> trials = new ArrayList<>();
        for (String op : candidates) {
            trials.add(PerturbationEvaluator.Perturbation.mask(type, edge, op));
        }
        int node = space.edges().get(edge).to();
        PerturbationEvaluator.Measurement m = evaluator.measure(net, type, node, trials);
        int best = argmin(m.accuracies());
        Map<String, Double> scores = new LinkedHashMap<>();
        for (int i = 0; i < candidates.size(); i++) {
            scores.put(candidates.get(i), m.accuracies()[i]);
        }
        net.arch().decisions().commit(type, edge, candidates.get(best));
        log.add(new EdgeDecision(log.size(), type, EdgeDecision.Kind.OP, space.edges().get(edge).toString(),
                scores, candidates.get(best), m.baseline()));
    }

    private static void pruneNode(Supernet net, CellType type, int node, PerturbationEvaluator evaluator,
                                  List<EdgeDecision> log) {
        SearchSpace space = net.space();
        EdgeDecisions d = net.arch().decisions();
        List<Integer> inputs = keptInputs(space, d, type, node);
        while (inputs.size() > space.inputsKeptPerNode()) {
            List<PerturbationEvaluator.Perturbation> trials = new ArrayList<>();
            for (int e : inputs) {
                trials.add(PerturbationEvaluator.Perturbation.drop(type, e, space.edges().get(e).toString()));
            }
            PerturbationEvaluator.Measurement m = evaluator.measure(net, type, node, trials);
            int drop = argmax(m.accuracies());
            Map<String, Double> scores = new LinkedHashMap<>();
            for (int i = 0; i < inputs.size(); i++) {
                scores.put(trials.get(i).label(), m.accuracies()[i]);
            }
            int edge = inputs.get(drop);
            d.drop(type, edge);
            log.add(new EdgeDecision(log.size(), type, EdgeDecision.Kind.DROP, "node " + node, scores,
                    space.edges().get(edge).toString(), m.baseline()));
            inputs = keptInputs(space, d, type, node);
        }
    }

    private static List<Integer> keptInputs(SearchSpace space, EdgeDecisions d, CellType type, int node) {
        List<Integer> in = new ArrayList<>();
        for (int e : space.incoming(node)) {
            if (!d.isDropped(type, e)) {
                in.add(e);
            }
        }
        return in;
    }

    private static List<Integer> shuffled(List<Integer> values, SplittableRandom rng) {
        int[] a = Seeds.shuffled(values.stream().mapToInt(Integer::intValue).toArray(), rng);
        List<Integer> out = new ArrayList<>();
        for (int v : a) {
            out.add(v);
        }
        return out;
    }

    private static int argmin(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] < v[best]) {
                best = i;
            }
        }
        return best;
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public String describe() {
        return toString() + ", α " + (trainAlpha ? "trained" : "fixed") + ", seed "
                + (seed == null ? "the search's" : seed.toString());
    }

    @Override
    public String toString() {
        return name + "(interval " + interval + ", final tune " + finalTuneEpochs + ", eval batches "
                + (evalBatches == 0 ? "all" : evalBatches) + ", " + path.name().toLowerCase() + " path)";
    }

    /** Configures a {@link PerturbationSelector}. Defaults: interval 5 (darts-pt), α trained, the fast path. */
    public static final class Builder {
        private int interval = 5;
        private int finalTuneEpochs;
        private int evalBatches;
        private boolean trainAlpha = true;
        private PerturbationEvaluator.Path path = PerturbationEvaluator.Path.FAST;
        private Long seed;
        private boolean progress = true;
        private String name;

        private Builder() {
        }

        /** Fine-tuning epochs between two decisions (0: none). */
        public Builder optInterval(int epochs) {
            this.interval = epochs;
            return this;
        }

        /** Fine-tuning epochs after the last decision. Default 0. */
        public Builder optFinalTuneEpochs(int epochs) {
            this.finalTuneEpochs = epochs;
            return this;
        }

        /** Validation batches per measurement (0 = the whole validation split, the default). */
        public Builder optEvalBatches(int batches) {
            this.evalBatches = batches;
            return this;
        }

        /** Whether α takes Adam steps during fine-tuning (never when α is fixed). Default true. */
        public Builder optTrainAlpha(boolean on) {
            this.trainAlpha = on;
            return this;
        }

        /** How each accuracy is computed, {@link PerturbationEvaluator.Path#FAST} (the default) or {@code NAIVE}. */
        public Builder optPath(PerturbationEvaluator.Path path) {
            this.path = java.util.Objects.requireNonNull(path, "PT path: expected NAIVE or FAST, got null");
            return this;
        }

        /** Seed of the edge order and of fine-tuning's data order; default the search's seed. */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Whether {@link PerturbationSelector#select} shows a progress bar over its decision steps. Default true. */
        public Builder optProgress(boolean on) {
            this.progress = on;
            return this;
        }

        /** The selector's name in selections and reports; default "pt", or "pt-fixed-alpha" without α steps. */
        public Builder optName(String name) {
            this.name = name;
            return this;
        }

        /** The selector; checks that the interval, final tune epochs and eval batches are ≥ 0. */
        public PerturbationSelector build() {
            if (interval < 0 || finalTuneEpochs < 0 || evalBatches < 0) {
                throw new IllegalArgumentException("PT: interval, final tune epochs and eval batches must be >= 0");
            }
            return new PerturbationSelector(this);
        }
    }
}
