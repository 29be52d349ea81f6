package org.dnaslab.report;

import org.dnaslab.search.EpochMetrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A made-up NB201 search history whose numbers are known. */
final class ReportFixtures {
    private ReportFixtures() {
    }

    /** Epochs 0..n-1; edge e drifts towards op (e % 5); the selected cell is all skip connections from epoch 2 on. */
    static List<EpochMetrics> nb201History(int n) {
        List<EpochMetrics> h = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[][] p = new double[6][5];
            double[] entropy = new double[6];
            for (int e = 0; e < 6; e++) {
                double favourite = 0.2 + 0.1 * i;
                for (int o = 0; o < 5; o++) {
                    p[e][o] = o == e % 5 ? favourite : (1 - favourite) / 4;
                }
                for (double v : p[e]) {
                    entropy[e] -= v * Math.log(v);
                }
            }
            String arch = i >= 2 ? "|skip_connect~0|+|skip_connect~0|skip_connect~1|+|skip_connect~0|skip_connect~1|skip_connect~2|"
                    : "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_1x1~1|+|none~0|nor_conv_3x3~1|avg_pool_3x3~2|";
            h.add(new EpochMetrics(i, 2.0 - 0.2 * i, 0.3 + 0.05 * i, 2.1 - 0.2 * i, 0.25 + 0.05 * i, 0.025, 1.5,
                    Map.of("normal", p), Map.of("normal", entropy), arch));
        }
        return h;
    }
}
