package org.dnaslab.sweep;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.dnaslab.data.DataPair;
import org.dnaslab.data.FashionMnist;
import org.dnaslab.data.SyntheticData;

/**
 * Which images a task trains and tests on, as a small value that travels to the executors; each executor JVM loads
 * the images once and shares them between its tasks.
 *
 * @param kind      "fashion-mnist" (an idx directory; {@code directory} null = {@link FashionMnist#defaultDirectory})
 *                  or "synthetic" ({@link SyntheticData#gratings}, for tests)
 * @param directory the idx directory, or null
 * @param trainSize synthetic: training images; fashion-mnist: 0 = all, else the first n
 * @param testSize  synthetic: test images; fashion-mnist: 0 = all, else the first n
 */
public record DataSource(String kind, String directory, int trainSize, int testSize) implements Serializable {
    public static final String FASHION_MNIST = "fashion-mnist";
    public static final String SYNTHETIC = "synthetic";
    private static final Map<DataSource, DataPair> LOADED = new ConcurrentHashMap<>();

    public DataSource {
        if (!FASHION_MNIST.equals(kind) && !SYNTHETIC.equals(kind)) {
            throw new IllegalArgumentException("data kind must be '" + FASHION_MNIST + "' or '" + SYNTHETIC + "', got '"
                    + kind + "'");
        }
        if (trainSize < 0 || testSize < 0) {
            throw new IllegalArgumentException("data sizes must be >= 0, got train " + trainSize + ", test " + testSize);
        }
        if (SYNTHETIC.equals(kind) && (trainSize < 2 || testSize < 1)) {
            throw new IllegalArgumentException("synthetic data needs >= 2 training and >= 1 test images, got train "
                    + trainSize + ", test " + testSize);
        }
    }

    /** The whole Fashion-MNIST of the default directory: 60,000 training and 10,000 test images. */
    public static DataSource fashionMnist() {
        return new DataSource(FASHION_MNIST, null, 0, 0);
    }

    public static DataSource synthetic(int train, int test) {
        return new DataSource(SYNTHETIC, null, train, test);
    }

    /** The images, loaded once per JVM. */
    public DataPair load() {
        return LOADED.computeIfAbsent(this, DataSource::read);
    }

    private DataPair read() {
        if (SYNTHETIC.equals(kind)) {
            return SyntheticData.gratings(trainSize, testSize, 7);
        }
        DataPair all = directory == null ? FashionMnist.load() : FashionMnist.load(Path.of(directory));
        return all.limit(trainSize == 0 ? all.train().size() : trainSize, testSize == 0 ? all.test().size() : testSize);
    }
}
