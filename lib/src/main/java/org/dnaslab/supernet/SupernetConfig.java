package org.dnaslab.supernet;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.dnaslab.space.SearchSpace;

/**
 * The shape of a supernet. {@code cells} is the number of search cells per stage for NB201 (N; 3 stages) and
 * the total number of cells for DARTS (layers; reductions at 1/3 and 2/3).
 *
 * @param space          search space name (nb201, darts, s1..s4)
 * @param channels       C, the first stage's width
 * @param cells          N per stage (NB201) or layers (DARTS)
 * @param inputChannels  1 for Fashion-MNIST, 3 for CIFAR-10
 * @param imageSize      input height and width
 * @param classes        output classes
 * @param seed           seed of the initial weights and α
 * @param edgeWeights    whether this is DA2S's supernet: ops mixed by softmax(f(α)), and edge weights β on the nodes
 *                       with more inputs than they keep (none in NB201); see {@link ArchitectureParameters}
 */
public record SupernetConfig(String space, int channels, int cells, int inputChannels, int imageSize, int classes,
                             long seed, boolean edgeWeights) {
    public SupernetConfig {
        require(space != null, "space is missing; expected one of " + SearchSpace.names());
        SearchSpace.byName(space);
        require(channels >= 2 && channels % 2 == 0, "channels must be even and >= 2, got " + channels);
        require(cells >= 1, "cells must be >= 1, got " + cells);
        require(inputChannels >= 1, "inputChannels must be >= 1, got " + inputChannels);
        require(imageSize >= 8, "imageSize must be >= 8, got " + imageSize);
        require(classes >= 2, "classes must be >= 2, got " + classes);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("supernet config: " + message);
        }
    }

    /** The same configuration with another cell count. */
    public SupernetConfig withCells(int n) {
        return new SupernetConfig(space, channels, n, inputChannels, imageSize, classes, seed, edgeWeights);
    }

    /** The same configuration with another seed. */
    public SupernetConfig withSeed(long s) {
        return new SupernetConfig(space, channels, cells, inputChannels, imageSize, classes, s, edgeWeights);
    }

    @JsonIgnore
    public SearchSpace searchSpace() {
        return SearchSpace.byName(space);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** darts-pt's defaults for 28x28 grey images: C 16, NB201 N=5 (DARTS 8 layers), 10 classes, seed 0. */
    public static final class Builder {
        private String space = "nb201";
        private int channels = 16;
        private Integer cells;
        private int inputChannels = 1;
        private int imageSize = 28;
        private int classes = 10;
        private long seed;
        private boolean edgeWeights;

        public Builder setSpace(String space) {
            this.space = space;
            return this;
        }

        public Builder optChannels(int channels) {
            this.channels = channels;
            return this;
        }

        public Builder optCells(int cells) {
            this.cells = cells;
            return this;
        }

        public Builder optInput(int inputChannels, int imageSize) {
            this.inputChannels = inputChannels;
            this.imageSize = imageSize;
            return this;
        }

        public Builder optClasses(int classes) {
            this.classes = classes;
            return this;
        }

        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder optEdgeWeights(boolean edgeWeights) {
            this.edgeWeights = edgeWeights;
            return this;
        }

        public SupernetConfig build() {
            int n = cells != null ? cells : ("nb201".equals(space) ? 5 : 8);
            return new SupernetConfig(space, channels, n, inputChannels, imageSize, classes, seed, edgeWeights);
        }
    }
}
