package org.dnaslab.sweep;

import java.io.Serializable;

/**
 * How much a search may spend: epochs, supernet size and training images.
 *
 * @param epochs     search epochs, >= 1
 * @param channels   supernet channels C, >= 1
 * @param cells      cells per stage (NB201) or layers (DARTS), >= 1
 * @param batch      images per step, >= 2
 * @param trainLimit training images (split in halves for weights and α), 0 = all
 */
public record SearchBudget(int epochs, int channels, int cells, int batch, int trainLimit) implements Serializable {
    @Override
    public String toString() {
        return "e" + epochs + "-c" + channels + "-n" + cells + "-b" + batch + "-t" + trainLimit;
    }
}
