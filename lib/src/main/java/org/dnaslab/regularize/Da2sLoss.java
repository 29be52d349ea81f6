package org.dnaslab.regularize;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.index.NDIndex;
import org.dnaslab.search.LossTerm;
import org.dnaslab.search.SearchConfig;
import org.dnaslab.space.CellType;
import org.dnaslab.space.SearchSpace;
import org.dnaslab.supernet.ArchitectureParameters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DA2S's discretization-aware loss (Tian et al.; DESIGN.md §5), with e the 1-based epoch of E:
 * <pre>
 *   penalty = λ·w1(e)·(w2(e)·L_α + 4·L_β)
 *   w1(e) = (e−1)/(E−1)            w2(e) = 0 for e &lt; 8, log_42(e−7) from e = 8
 *   L_α = Σ_types Σ_edges H(softmax(f(α_e)))      f(t) = (2t)³ if 2t &lt; −1, else 2t
 *   L_β = Σ_types Σ_nodes 0.2·(Σ_{i: g(β_i) &gt; 0} g(β_i) − k)² + H(softmax(g(β_node)))      g(t) = min(t, 1)
 * </pre>
 * k is the number of inputs a node keeps: 2 in DARTS-type spaces, all of its inputs in NB201. Every computed node
 * with edge weights is counted. Both cell types use their own α and β: DA2S's public code swaps the normal and
 * reduction β in its forward pass, which is not reproduced here. The search must create β
 * ({@link #configure(SearchConfig.Builder)}).
 */
public final class Da2sLoss implements LossTerm {
    /** DA2S freezes α for its first 8 epochs while β trains. */
    public static final int ALPHA_FROZEN_EPOCHS = 8;
    public static final double DEFAULT_LAMBDA = 0.1;
    private static final double W2_BASE = 42;
    private static final int W2_START = 8;
    private static final float DISTANCE_WEIGHT = 0.2f;
    private static final float BETA_WEIGHT = 4f;

    private final double lambda;

    public Da2sLoss() {
        this(DEFAULT_LAMBDA);
    }

    public Da2sLoss(double lambda) {
        this.lambda = lambda;
    }

    /** Sets what DA2S needs of a search: edge weights β, and α frozen for the first 8 epochs. */
    public static SearchConfig.Builder configure(SearchConfig.Builder b) {
        return b.optEdgeWeights(true).optAlphaFrozenEpochs(ALPHA_FROZEN_EPOCHS);
    }

    /** w1 for 1-based epoch e of E; a one-epoch search counts as its last epoch (1). */
    public static double w1(int e, int epochs) {
        return epochs <= 1 ? 1 : (double) (e - 1) / (epochs - 1);
    }

    /** w2 for 1-based epoch e. */
    public static double w2(int e) {
        return e < W2_START ? 0 : Math.log(e - (W2_START - 1)) / Math.log(W2_BASE);
    }

    @Override
    public NDArray penalty(ArchitectureParameters arch, int epoch, int epochs) {
        if (!arch.hasBeta()) {
            throw new IllegalStateException("the DA2S loss needs edge weights β: build the search with "
                    + "Da2sLoss.configure(builder) or optEdgeWeights(true)");
        }
        int e = epoch + 1;
        double a = w1(e, epochs);
        double b = w2(e);
        if (lambda == 0 || a == 0) {
            return null;
        }
        NDArray inner = lossBeta(arch).mul(BETA_WEIGHT);
        if (b != 0) {
            inner = inner.add(lossAlpha(arch).mul((float) b));
        }
        return inner.mul((float) (lambda * a));
    }

    /** L_α: Σ over cell types and edges of H(softmax(f(α_e))). */
    public static NDArray lossAlpha(ArchitectureParameters arch) {
        NDArray sum = null;
        for (CellType t : arch.space().cellTypes()) {
            NDArray alpha = arch.alpha(t);
            NDArray x = alpha.mul(2f);
            NDArray f = NDArrays.where(x.lt(-1f), x.pow(3f), x);
            NDArray mask = ArchitectureEntropy.candidateMask(alpha, arch.space(), t);
            NDArray h = ArchitectureEntropy.entropySum((mask == null ? f : f.add(mask)).softmax(1));
            sum = sum == null ? h : sum.add(h);
        }
        return sum;
    }

    /** L_β: Σ over cell types and computed nodes of 0.2·(Σ_{g&gt;0} g − k)² + H(softmax(g)), g = min(β, 1). */
    public static NDArray lossBeta(ArchitectureParameters arch) {
        SearchSpace space = arch.space();
        NDArray sum = null;
        for (CellType t : space.cellTypes()) {
            NDArray beta = arch.beta(t);
            for (int node = space.inputNodes(); node < space.nodeCount(); node++) {
                List<Integer> in = space.incoming(node);
                int k = space.inputsKeptPerNode() > 0 ? space.inputsKeptPerNode() : in.size();
                // a node's incoming edges are contiguous in the canonical (to, from) order
                NDArray g = beta.get(new NDIndex(in.get(0) + ":" + (in.get(in.size() - 1) + 1))).minimum(1f);
                NDArray distance = g.maximum(0f).sum().sub((float) k).square().mul(DISTANCE_WEIGHT);
                NDArray term = distance.add(ArchitectureEntropy.entropySum(g.softmax(0).reshape(1, in.size())));
                sum = sum == null ? term : sum.add(term);
            }
        }
        return sum;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("term", "da2s");
        m.put("lambda", lambda);
        m.put("w1", "(e-1)/(E-1)");
        m.put("w2", "0 for e<8, log_42(e-7)");
        m.put("alphaFrozenEpochs", ALPHA_FROZEN_EPOCHS);
        return m;
    }

    @Override
    public String toString() {
        return "Da2sLoss(λ=" + lambda + ")";
    }
}
