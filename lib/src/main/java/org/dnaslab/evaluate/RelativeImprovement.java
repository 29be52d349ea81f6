package org.dnaslab.evaluate;

import java.util.List;
import java.util.Locale;

/**
 * Yang et al.'s relative improvement of a search method over random sampling, with the numbers it came from:
 * RI = 100 × (Acc_method − Acc_random) / Acc_random, where Acc_method is the mean over search seeds and Acc_random
 * the mean over architectures sampled uniformly and trained under the same protocol.
 *
 * <p>The spread of RI itself is given as the standard deviation of the per-seed improvements
 * 100 × (acc_seed − Acc_random) / Acc_random, i.e. the method's seed-to-seed variation; the random baseline's own
 * spread is reported beside it rather than folded in.
 */
public record RelativeImprovement(List<Double> methodAccuracies, List<Double> randomAccuracies,
                                  double methodMean, double methodStd, double randomMean, double randomStd,
                                  double ri, double riStd) {

    public RelativeImprovement {
        methodAccuracies = List.copyOf(methodAccuracies);
        randomAccuracies = List.copyOf(randomAccuracies);
    }

    /**
     * @param methodAccuracies one final accuracy per search seed
     * @param randomAccuracies one accuracy per randomly sampled architecture, same training protocol
     */
    public static RelativeImprovement of(List<Double> methodAccuracies, List<Double> randomAccuracies) {
        if (methodAccuracies.isEmpty()) {
            throw new IllegalArgumentException("relative improvement needs at least one accuracy of the method");
        }
        if (randomAccuracies.isEmpty()) {
            throw new IllegalArgumentException("relative improvement needs at least one random architecture's accuracy");
        }
        SampleStats m = SampleStats.of(methodAccuracies);
        SampleStats r = SampleStats.of(randomAccuracies);
        if (!(r.mean() > 0)) {
            throw new IllegalArgumentException("relative improvement is undefined for a random mean accuracy of "
                    + r.mean());
        }
        double ri = 100 * (m.mean() - r.mean()) / r.mean();
        double riStd = 100 * m.std() / r.mean();
        return new RelativeImprovement(methodAccuracies, randomAccuracies, m.mean(), m.std(), r.mean(), r.std(), ri,
                riStd);
    }

    /** "RI +1.23 ± 0.40 (method 0.9120 ± 0.0036 over 3 seeds; random 0.9009 ± 0.0080 over 8 architectures)" */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "RI %+.2f ± %.2f (method %.4f ± %.4f over %d seed%s; random %.4f ± %.4f over %d architecture%s)",
                ri, riStd, methodMean, methodStd, methodAccuracies.size(), methodAccuracies.size() == 1 ? "" : "s",
                randomMean, randomStd, randomAccuracies.size(), randomAccuracies.size() == 1 ? "" : "s");
    }
}
