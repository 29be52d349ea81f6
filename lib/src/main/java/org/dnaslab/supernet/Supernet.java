package org.dnaslab.supernet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import org.dnaslab.ops.AuxiliaryHead;
import org.dnaslab.ops.BatchNorm2d;
import org.dnaslab.ops.FactorizedReduce;
import org.dnaslab.ops.ForwardMode;
import org.dnaslab.ops.MemoryLayout;
import org.dnaslab.ops.Functional;
import org.dnaslab.ops.Op;
import org.dnaslab.ops.OpFactory;
import org.dnaslab.ops.ParameterInit;
import org.dnaslab.ops.ReluConvBn;
import org.dnaslab.ops.ResidualReduction;
import org.dnaslab.space.Architecture;
import org.dnaslab.space.CellType;
import org.dnaslab.space.SearchSpace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A weight-sharing supernet: a stem, a sequence of layers (search cells, and for NB201 fixed residual reductions
 * between stages), and a classifier head. The network weights and the {@link ArchitectureParameters} are kept
 * apart so that the bilevel search can step them with different optimizers. Owns its NDManager.
 *
 * <p>The state passed between layers is one array for NB201 and the two previous cell outputs for DARTS.
 */
public final class Supernet extends AbstractBlock implements AutoCloseable {
    private final SupernetConfig config;
    private final SearchSpace space;
    private final NDManager manager;
    private final ArchitectureParameters arch;
    private final Parameter stemWeight;
    private final BatchNorm2d stemNorm;
    private final List<Layer> layers = new ArrayList<>();
    private final List<Long> layerChannels = new ArrayList<>();
    private final BatchNorm2d headNorm;
    private final Parameter classifierWeight;
    private final Parameter classifierBias;
    private final Architecture fixed;
    private final AuxiliaryHead auxiliaryHead;
    private int auxiliaryAfterLayer = -1;
    private double dropPath;
    private SplittableRandom dropPathRandom;
    private MemoryLayout layout = MemoryLayout.fromSystemProperty();

    /** One step of the macro network. */
    public interface Layer {
        /** The state after this layer, from the state before it. */
        NDList forward(NDList state, ForwardWeights weights, ForwardMode mode);

        /** The search cell of this layer, or null for a fixed block. */
        SearchCell cell();
    }

    private Supernet(SupernetConfig config, NDManager parent, Architecture fixed, boolean auxiliary) {
        super((byte) 1);
        this.config = config;
        this.space = config.searchSpace();
        this.fixed = fixed;
        if (fixed != null && !fixed.space().name().equals(space.name())) {
            throw new IllegalArgumentException("architecture of the " + fixed.space().name() + " space cannot build a "
                    + space.name() + " network");
        }
        this.manager = parent.newSubManager();
        SplittableRandom rng = new SplittableRandom(config.seed());
        // α first, from its own stream, so the weights' init does not shift it when the net's shape changes.
        this.arch = new ArchitectureParameters(manager, space, rng.split(), config.edgeWeights());
        SplittableRandom wrng = rng.split();
        // A search supernet uses parameter-free batch norm (and DARTS's BN after pools); a discrete network the
        // affine, tracked batch norm of a normal network.
        OpFactory ops = new OpFactory(manager, wrng, fixed != null, space.concatenatesOutput() && fixed == null);
        int c = config.channels();
        boolean darts = space.concatenatesOutput();
        int stemOut = darts ? 3 * c : c;
        stemWeight = addParameter(ParameterInit.weight(manager, wrng, "stem.conv",
                new Shape(stemOut, config.inputChannels(), 3, 3)));
        stemNorm = new BatchNorm2d(manager, "stem.bn", stemOut, true, true);
        stemNorm.parameters().forEach(this::addParameter);
        long finalChannels = darts ? buildDarts(ops, wrng, c) : buildNb201(ops, wrng, c);
        if (darts) {
            headNorm = null;
        } else {
            headNorm = new BatchNorm2d(manager, "head.bn", finalChannels, true, true);
            headNorm.parameters().forEach(this::addParameter);
        }
        classifierWeight = addParameter(ParameterInit.weight(manager, wrng, "classifier.weight",
                new Shape(config.classes(), finalChannels)));
        classifierBias = addParameter(ParameterInit.bias(manager, wrng, "classifier.bias", finalChannels, config.classes()));
        if (auxiliary) {
            auxiliaryAfterLayer = auxiliaryPosition();
            long auxChannels = outputChannels(auxiliaryAfterLayer);
            auxiliaryHead = new AuxiliaryHead(manager, wrng, "auxiliary", auxChannels, config.classes());
            addChildBlock("auxiliary", auxiliaryHead);
        } else {
            auxiliaryHead = null;
        }
        if (fixed != null) {
            commit(fixed);
        }
    }

    /** Commits every edge to the architecture's op and drops the edges it does not keep; α stops training. */
    private void commit(Architecture a) {
        arch.decisions().commit(a);
        arch.setAlphaTrainable(false);
    }

    /** Builds a supernet under {@code parent}; close it (or the parent) to free its native memory. */
    public static Supernet create(NDManager parent, SupernetConfig config) {
        return new Supernet(config, parent, null, false);
    }

    /**
     * Builds the discrete network of {@code architecture} on the same macro skeleton, for training from scratch:
     * only the chosen ops exist, batch norm is affine and tracks running statistics, and an auxiliary head can be
     * attached at two thirds of the depth.
     */
    public static Supernet discrete(NDManager parent, SupernetConfig config, Architecture architecture,
                                    boolean auxiliaryHead) {
        return new Supernet(config, parent, architecture, auxiliaryHead);
    }

    private long buildNb201(OpFactory ops, SplittableRandom rng, int c) {
        long width = c;
        for (int stage = 0; stage < 3; stage++) {
            if (stage > 0) {
                ResidualReduction r = new ResidualReduction(manager, rng, "reduction" + stage, width, width * 2);
                addChildBlock("reduction" + stage, r);
                layers.add(fixed(r));
                width *= 2;
                layerChannels.add(width);
            }
            for (int i = 0; i < config.cells(); i++) {
                String name = "stage" + stage + ".cell" + i;
                SearchCell cell = new SearchCell(space, CellType.NORMAL, ops, name, width, new Op[0], fixed);
                addChildBlock(name, cell);
                layerChannels.add(width);
                layers.add(new Layer() {
                    @Override
                    public NDList forward(NDList state, ForwardWeights w, ForwardMode mode) {
                        return new NDList(cell.forward(state, w, mode));
                    }

                    @Override
                    public SearchCell cell() {
                        return cell;
                    }
                });
            }
        }
        return width;
    }

    private long buildDarts(OpFactory ops, SplittableRandom rng, int c) {
        int n = config.cells();
        long prevPrev = 3L * c;
        long prev = 3L * c;
        long current = c;
        boolean reductionPrev = false;
        boolean affine = fixed != null;
        for (int i = 0; i < n; i++) {
            boolean reduction = i == n / 3 || i == 2 * n / 3;
            if (reduction) {
                current *= 2;
            }
            String name = "cell" + i;
            Op pre0 = reductionPrev
                    ? new FactorizedReduce("preprocess", manager, rng, name + ".pre0", prevPrev, current, affine)
                    : new ReluConvBn("preprocess", manager, rng, name + ".pre0", prevPrev, current, 1, 1, 0, 1, affine, affine);
            Op pre1 = new ReluConvBn("preprocess", manager, rng, name + ".pre1", prev, current, 1, 1, 0, 1, affine, affine);
            SearchCell cell = new SearchCell(space, reduction ? CellType.REDUCE : CellType.NORMAL, ops, name, current,
                    new Op[] {pre0, pre1}, fixed);
            addChildBlock(name, cell);
            layers.add(new Layer() {
                @Override
                public NDList forward(NDList state, ForwardWeights w, ForwardMode mode) {
                    return new NDList(state.get(1), cell.forward(state, w, mode));
                }

                @Override
                public SearchCell cell() {
                    return cell;
                }
            });
            reductionPrev = reduction;
            prevPrev = prev;
            prev = (long) space.intermediateNodes() * current;
            layerChannels.add(prev);
        }
        return prev;
    }

    /** DARTS: after the second reduction cell; NB201: at the end of the second stage. */
    private int auxiliaryPosition() {
        if (space.concatenatesOutput()) {
            return 2 * config.cells() / 3;
        }
        return 2 * config.cells();
    }

    private long outputChannels(int layer) {
        return layerChannels.get(layer);
    }

    private static Layer fixed(Op op) {
        return new Layer() {
            @Override
            public NDList forward(NDList state, ForwardWeights w, ForwardMode mode) {
                return new NDList(op.apply(state.singletonOrThrow(), mode));
            }

            @Override
            public SearchCell cell() {
                return null;
            }
        };
    }

    /** The configuration the supernet was built from. */
    public SupernetConfig config() {
        return config;
    }

    /** The search space of its cells. */
    public SearchSpace space() {
        return space;
    }

    /** The architecture parameters (α, and β with DA2S), kept apart from {@link #weights()}. */
    public ArchitectureParameters arch() {
        return arch;
    }

    /** The manager that owns the weights and architecture parameters; closing the supernet closes it. */
    public NDManager manager() {
        return manager;
    }

    /** The macro network after the stem, in order (cells and reduction blocks). */
    public List<Layer> layers() {
        return List.copyOf(layers);
    }

    /** Logits for an NCHW batch, with the architecture weights of the current α and decisions. */
    public NDArray forward(NDArray x, ForwardMode mode) {
        return forward(x, mode, weightsFor(mode));
    }

    private ForwardWeights weightsFor(ForwardMode mode) {
        ForwardWeights w = ForwardWeights.of(arch);
        return mode == ForwardMode.TRAIN && dropPath > 0 ? w.withDropPath(dropPath, dropPathRandom) : w;
    }

    /** Drop-path probability for training forwards from now on (DARTS ramps it per epoch); 0 turns it off. */
    public void setDropPath(double probability, SplittableRandom random) {
        if (probability > 0 && fixed == null) {
            throw new IllegalStateException("drop-path applies to discrete networks, not to a search supernet");
        }
        this.dropPath = probability;
        this.dropPathRandom = random;
    }

    /**
     * Whether convolutions that read the same node run merged into one wider convolution (default on; exact up to
     * float rounding, see {@link MergedConvolutions}). Off gives the plain one-conv-per-op path, for comparison.
     */
    public void setMergedConvolutions(boolean on) {
        for (Layer l : layers) {
            if (l.cell() != null) {
                l.cell().setMerging(on);
            }
        }
    }

    /**
     * The physical layout of the activations (default {@link MemoryLayout#CHANNELS_LAST}, or
     * {@code -Ddnaslab.memoryLayout}). Results agree within float rounding; only speed differs.
     */
    public void setMemoryLayout(MemoryLayout layout) {
        this.layout = java.util.Objects.requireNonNull(layout, "layout");
    }

    /** The memory layout the convolutions run in (see {@link #setMemoryLayout}). */
    public MemoryLayout memoryLayout() {
        return layout;
    }

    /** The drop-path probability training forwards use now (0 = off). */
    public double dropPath() {
        return dropPath;
    }

    /** Whether this network was built with an auxiliary head. */
    public boolean hasAuxiliaryHead() {
        return auxiliaryHead != null;
    }

    /** The architecture a discrete network was built from, or null for a search supernet. */
    public Architecture architecture() {
        return fixed;
    }

    /** Logits and the auxiliary head's logits (training from scratch with an auxiliary loss). */
    public NDList forwardWithAuxiliary(NDArray x, ForwardMode mode) {
        if (auxiliaryHead == null) {
            throw new IllegalStateException("this network has no auxiliary head; build it with auxiliaryHead = true");
        }
        ForwardWeights w = weightsFor(mode);
        NDList state = forwardOwnLayers(stem(x, mode), 0, auxiliaryAfterLayer + 1, w, mode);
        NDArray aux = auxiliaryHead.apply(state.get(state.size() - 1), mode);
        NDArray logits = head(forwardOwnLayers(state, auxiliaryAfterLayer + 1, layers.size(), w, mode), mode);
        return new NDList(logits, aux);
    }

    /** Logits for an NCHW batch with the given op weights instead of those of the current α (PT's perturbations). */
    public NDArray forward(NDArray x, ForwardMode mode, ForwardWeights weights) {
        return head(forwardOwnLayers(stem(x, mode), 0, layers.size(), weights, mode), mode);
    }

    /**
     * {@link #forwardLayers} on a state this forward made itself: each state array is closed once no later layer
     * reads it, so what autograd does not keep of it is freed during the forward pass, not when the step ends.
     */
    private NDList forwardOwnLayers(NDList state, int from, int to, ForwardWeights weights, ForwardMode mode) {
        return forwardLayers(state, from, to, weights, mode, true);
    }

    /** The state entering layer 0. */
    public NDList stem(NDArray x, ForwardMode mode) {
        NDArray s = stemNorm.apply(Functional.conv2d(layout.apply(x), stemWeight.getArray(), 1, 1, 1, 1), mode);
        return space.concatenatesOutput() ? new NDList(s, s) : new NDList(s);
    }

    /** Runs layers {@code from..to-1} on the state entering layer {@code from}. */
    public NDList forwardLayers(NDList state, int from, int to, ForwardWeights weights, ForwardMode mode) {
        return forwardLayers(state, from, to, weights, mode, false);
    }

    /** @param closeSpent whether to close each state array once the next state no longer contains it */
    private NDList forwardLayers(NDList state, int from, int to, ForwardWeights weights, ForwardMode mode,
                                 boolean closeSpent) {
        NDList s = state;
        for (int i = from; i < to; i++) {
            NDList next = layers.get(i).forward(s, weights, mode);
            if (closeSpent) {
                for (NDArray a : s) {
                    if (next.stream().noneMatch(n -> n == a)) {
                        a.close();
                    }
                }
            }
            s = next;
        }
        return s;
    }

    /** Logits from the state after the last layer. */
    public NDArray head(NDList state, ForwardMode mode) {
        NDArray x = state.get(state.size() - 1);
        if (headNorm != null) {
            x = headNorm.apply(x, mode).getNDArrayInternal().relu();
        }
        return Functional.linear(Functional.globalAvgPool(x), classifierWeight.getArray(), classifierBias.getArray());
    }

    /** The network weights a weight optimizer updates (everything trainable except α and β), in a fixed order. */
    public List<NDArray> weights() {
        List<NDArray> list = new ArrayList<>();
        for (Pair<String, Parameter> p : getParameters()) {
            if (p.getValue().requiresGradient()) {
                list.add(p.getValue().getArray());
            }
        }
        return list;
    }

    /** Every array of the network state (weights and batch-norm statistics) by stable name, for checkpoints. */
    public Map<String, NDArray> namedState() {
        Map<String, NDArray> m = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : getParameters()) {
            m.put(p.getKey(), p.getValue().getArray());
        }
        m.putAll(arch.named());
        return m;
    }

    /** Number of weight elements; the architecture parameters are not counted. */
    public long parameterCount() {
        long n = 0;
        for (NDArray w : weights()) {
            n += w.size();
        }
        return n;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(inputs.singletonOrThrow(), training ? ForwardMode.TRAIN : ForwardMode.EVAL));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), config.classes())};
    }

    @Override
    public void close() {
        manager.close();
    }

    @Override
    public String toString() {
        return "Supernet(" + space.name() + ", C=" + config.channels() + ", cells=" + config.cells() + ", "
                + parameterCount() + " weights)";
    }
}
