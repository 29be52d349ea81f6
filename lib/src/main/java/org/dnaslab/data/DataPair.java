package org.dnaslab.data;

/** A training set and its test set (the test set normalised with the training set's statistics). */
public record DataPair(ImageDataset train, ImageDataset test) {
    public DataPair {
        java.util.Objects.requireNonNull(train, "train");
        java.util.Objects.requireNonNull(test, "test");
    }

    /** Both sets limited to their first trainLimit and testLimit samples (for quick runs). */
    public DataPair limit(int trainLimit, int testLimit) {
        return new DataPair(train.limit(trainLimit), test.limit(testLimit));
    }

    /** Both sets normalised with the given per-channel mean and std. */
    public DataPair withNormalization(float[] mean, float[] std) {
        return new DataPair(train.withNormalization(mean, std), test.withNormalization(mean, std));
    }
}
