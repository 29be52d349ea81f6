package org.dnaslab.regularize;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import org.dnaslab.ops.Scalars;
import org.dnaslab.search.LossTerm;
import org.dnaslab.search.SearchConfig;
import org.dnaslab.space.CellType;
import org.dnaslab.space.SearchSpace;
import org.dnaslab.supernet.ArchitectureParameters;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DA2S's discretization-aware loss (Tian et al.; DESIGN.md §5), as DAAS's public code computes it, with e the 1-based
 * epoch of E:
 * <pre>
 *   penalty = λ·w1(e)·(w2(e)·L_α + 4·L_β)
 *   w1(e) = (e−1)/(E−1)            w2(e) = 0 for e &lt; 8, log_42(e−7) from e = 8
 *   L_α = Σ_types Σ_edges H(softmax(f(α_e)))      f(t) = (2t)³ if 2t &lt; −1, else 2t
 *   L_β = Σ_types Σ_{nodes with β} 0.2·(Σ_{i: g(β_i) &gt; 0} g(β_i) − k)² + H(softmax(g(β_node)))      g(t) = min(t, 1)
 * </pre>
 * k is the number of inputs a node keeps (2 in DARTS-type spaces). The supernet must be DA2S's
 * ({@link #configure(SearchConfig.Builder)}): it mixes ops with softmax(f(α)), so L_α acts on the weights the network
 * uses, and has β only on the nodes with more inputs than they keep. NB201 keeps every input, so there DA2S is its
 * α part alone, as DAAS's NB201 code has no β (that code also weights its α term on another schedule,
 * (e−9)/98 from epoch 9; this class keeps the DARTS-space schedule in both spaces).
 *
 * <p>Schedule. DAAS fixes E = 50 in its code: w1 reaches 1 at the last epoch, and w2's base 42 = 50 − 8 makes w2
 * reach 1 at e = 49. Here w1 scales with the run's E, while w2 keeps DAAS's base 42: in a shorter run w2 never
 * reaches 1 (E = 20 ends at log_42(13) ≈ 0.69), and with E ≤ 8 L_α never acts; in a longer one it passes 1
 * (E = 100: log_42(93) ≈ 1.21). α is frozen for the first 7 epochs and trains from epoch 8 on, as DAAS sets α's
 * learning rate at epoch 8; β trains from the start. Both cell types use their own α and β: DAAS's forward pass
 * swaps the normal and reduction β, which is not reproduced here.
 */
public final class Da2sLoss implements LossTerm {
    /** DA2S's α takes no step in epochs 1 to 7 (DAAS: α's learning rate is 0 until epoch 8); β trains. */
    public static final int ALPHA_FROZEN_EPOCHS = 7;
    /** DAAS's weight λ of the whole penalty. */
    public static final double DEFAULT_LAMBDA = 0.1;
    private static final double W2_BASE = 42;
    private static final int W2_START = 8;
    private static final float DISTANCE_WEIGHT = 0.2f;
    private static final float BETA_WEIGHT = 4f;

    private final double lambda;

    /** DA2S with DAAS's weight λ = {@value #DEFAULT_LAMBDA}. */
    public Da2sLoss() {
        this(DEFAULT_LAMBDA);
    }

    /** @param lambda the weight λ of the whole penalty (DAAS uses {@value #DEFAULT_LAMBDA}) */
    public Da2sLoss(double lambda) {
        this.lambda = lambda;
    }

    /** Sets what DA2S needs of a search: DA2S's supernet (f(α) mixing, β), and α frozen for its first 7 epochs. */
    public static SearchConfig.Builder configure(SearchConfig.Builder b) {
        return b.optEdgeWeights(true).optAlphaFrozenEpochs(ALPHA_FROZEN_EPOCHS);
    }

    /** w1 for 1-based epoch e of E; a one-epoch search counts as its last epoch (1). */
    public static double w1(int e, int epochs) {
        return epochs <= 1 ? 1 : (double) (e - 1) / (epochs - 1);
    }

    /** w2 for 1-based epoch e (DAAS's base 42 whatever E is). */
    public static double w2(int e) {
        return e < W2_START ? 0 : Math.log(e - (W2_START - 1)) / Math.log(W2_BASE);
    }

    @Override
    public NDArray penalty(ArchitectureParameters arch, int epoch, int epochs) {
        if (!arch.isDa2s()) {
            throw new IllegalStateException("the DA2S loss needs DA2S's supernet (op weights softmax(f(α)), edge weights"
                    + " β): build the search with Da2sLoss.configure(builder) or optEdgeWeights(true)");
        }
        int e = epoch + 1;
        double a = w1(e, epochs);
        double b = w2(e);
        if (lambda == 0 || a == 0 || (b == 0 && !arch.hasBeta())) {
            return null;
        }
        NDArray inner = arch.hasBeta() ? Scalars.mul(lossBeta(arch), BETA_WEIGHT) : null;
        if (b != 0) {
            NDArray alphaTerm = Scalars.mul(lossAlpha(arch), (float) b);
            inner = inner == null ? alphaTerm : inner.add(alphaTerm);
        }
        return Scalars.mul(inner, (float) (lambda * a));
    }

    /** L_α: Σ over cell types and edges of H(softmax(f(α_e))). */
    public static NDArray lossAlpha(ArchitectureParameters arch) {
        NDArray sum = null;
        for (CellType t : arch.space().cellTypes()) {
            NDArray alpha = arch.alpha(t);
            NDArray f = ArchitectureParameters.sharpen(alpha);
            NDArray mask = ArchitectureEntropy.candidateMask(alpha, arch.space(), t);
            NDArray h = ArchitectureEntropy.entropySum((mask == null ? f : f.add(mask)).softmax(1));
            sum = sum == null ? h : sum.add(h);
        }
        return sum;
    }

    /**
     * L_β: Σ over cell types and the nodes with β of 0.2·(Σ_{g&gt;0} g − k)² + H(softmax(g)), g = min(β, 1).
     *
     * @throws IllegalStateException when the supernet has no β
     */
    public static NDArray lossBeta(ArchitectureParameters arch) {
        if (!arch.hasBeta()) {
            throw new IllegalStateException("no edge weights β in this " + arch.space().name() + " supernet");
        }
        SearchSpace space = arch.space();
        int k = space.inputsKeptPerNode();
        NDArray sum = null;
        for (CellType t : space.cellTypes()) {
            NDArray beta = arch.beta(t);
            for (int node : arch.betaNodes()) {
                int n = space.incoming(node).size();
                int from = arch.betaOffset(node);
                NDArray g = Scalars.minimum(beta.get(new NDIndex(from + ":" + (from + n))), 1f);
                NDArray distance = Scalars.mul(Scalars.sub(Scalars.maximum(g, 0f).sum(), (float) k).square(), DISTANCE_WEIGHT);
                NDArray term = distance.add(ArchitectureEntropy.entropySum(g.softmax(0).reshape(1, n)));
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
        m.put("opWeights", "softmax(f(alpha))");
        m.put("alphaFrozenEpochs", ALPHA_FROZEN_EPOCHS);
        return m;
    }

    @Override
    public String toString() {
        return "Da2sLoss(λ=" + lambda + ")";
    }
}
