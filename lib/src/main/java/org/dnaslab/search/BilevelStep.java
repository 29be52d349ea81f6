package org.dnaslab.search;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import org.dnaslab.data.ImageDataset;
import org.dnaslab.space.CellType;
import org.dnaslab.supernet.ArchitectureParameters;
import org.dnaslab.supernet.Supernet;
import org.dnaslab.train.AdamSettings;
import org.dnaslab.train.StepResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DARTS's bilevel step: an architecture step on a validation batch (first order through {@link ArchitectureStep},
 * second order through {@link UnrolledGradient}; Adam on α unless it is fixed or still frozen, and on β when
 * present, each with its own state), then a {@link WeightStep} on a training batch. Owns the three optimizers.
 */
final class BilevelStep implements AutoCloseable {
    private final SearchConfig config;
    private final Supernet supernet;
    private final LossTerm lossTerm;
    private final WeightStep weightStep;
    private final ArchitectureStep architectureStep;
    private final Adam alphaOptimizer;
    private final Adam betaOptimizer;

    BilevelStep(SearchConfig config, Supernet supernet, LossTerm lossTerm) {
        this.config = config;
        this.supernet = supernet;
        this.lossTerm = lossTerm;
        ArchitectureParameters arch = supernet.arch();
        this.weightStep = new WeightStep(supernet, config.weightOptimizer(), arch.trainable());
        this.architectureStep = new ArchitectureStep(supernet, lossTerm, config.epochs());
        List<NDArray> alphas = new ArrayList<>();
        List<NDArray> betas = new ArrayList<>();
        for (CellType t : arch.space().cellTypes()) {
            alphas.add(arch.alpha(t));
            if (arch.hasBeta()) {
                betas.add(arch.beta(t));
            }
        }
        AdamSettings adam = config.alphaOptimizer();
        float b1 = (float) adam.beta1();
        float b2 = (float) adam.beta2();
        this.alphaOptimizer = new Adam(alphas, b1, b2, (float) adam.weightDecay());
        this.betaOptimizer = betas.isEmpty() ? null : new Adam(betas, b1, b2, (float) adam.weightDecay());
    }

    /**
     * One step of epoch {@code epoch}: the architecture batch {@code step} of {@code val}, the weight batch at
     * {@code step × batch} of {@code trainOrder}.
     */
    StepResult run(ImageDataset data, int[] trainOrder, ArchitectureBatches val, int epoch, int step, float lr) {
        int b = config.batchSize();
        double valLoss = Double.NaN;
        double valAcc = Double.NaN;
        boolean stepAlpha = supernet.arch().isAlphaTrainable() && epoch >= config.alphaFrozenEpochs();
        if (stepAlpha || betaOptimizer != null) {
            try (NDScope scope = new NDScope()) {
                Batch valBatch = Batch.load(supernet.manager(), data, val.order(step), val.from(step), b);
                double[] lossAcc = config.secondOrder()
                        ? new UnrolledGradient(supernet, weightStep.optimizer(), config, lossTerm, epoch)
                                .compute(Batch.load(supernet.manager(), data, trainOrder, step * b, b), valBatch, lr)
                        : architectureStep.gradient(valBatch, epoch, false);
                valLoss = lossAcc[0];
                valAcc = lossAcc[1];
                if (stepAlpha) {
                    alphaOptimizer.step((float) config.alphaLr());
                }
                if (betaOptimizer != null) {
                    betaOptimizer.step((float) config.alphaLr());
                }
            }
        }
        StepResult w = weightStep.run(data, trainOrder, step * b, b, lr);
        return new StepResult(w.loss(), w.correct(), w.images(), w.lr(), valLoss, valAcc, 0);
    }

    /** The optimizers by checkpoint prefix: "sgd", "adam_alpha" and, with β, "adam_beta". */
    Map<String, ParameterOptimizer> optimizers() {
        Map<String, ParameterOptimizer> m = new LinkedHashMap<>();
        m.put("sgd", weightStep.optimizer());
        m.put("adam_alpha", alphaOptimizer);
        if (betaOptimizer != null) {
            m.put("adam_beta", betaOptimizer);
        }
        return m;
    }

    @Override
    public void close() {
        // the manager would free the optimizers' state too; closing them says whose arrays they are
        weightStep.close();
        alphaOptimizer.close();
        if (betaOptimizer != null) {
            betaOptimizer.close();
        }
    }
}
