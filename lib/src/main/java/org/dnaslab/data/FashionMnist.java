package org.dnaslab.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Fashion-MNIST, or any directory of MNIST-style idx files (MNIST, KMNIST): {@code train-images-idx3-ubyte},
 * {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}, each raw or
 * {@code .gz} (the {@code .idx3-ubyte} spelling works too). The directory's name picks class names and normalisation:
 * "fashion" gives Fashion-MNIST's, "kmnist" KMNIST's class names, "mnist" MNIST's; statistics of an unknown
 * dataset are measured on its training set. Both sets are normalised with the training statistics.
 */
public final class FashionMnist {
    /** Environment variable and system property naming the data directory. */
    public static final String DATA_ENV = "DNASLAB_DATA";
    public static final String DATA_PROPERTY = "dnaslab.data";
    /** Environment variable and system property naming the repository (for its committed subset). */
    public static final String HOME_ENV = "DNASLAB_HOME";
    public static final String HOME_PROPERTY = "dnaslab.home";
    /** Where Debian's dataset-fashion-mnist package installs the full set. */
    public static final Path DEBIAN_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");
    /** The committed subset, relative to the repository root. */
    public static final String SUBSET = "data/fashion-mnist-subset";

    public static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    public static final List<String> KMNIST_CLASSES = List.of("o", "ki", "su", "tsu", "na", "ha", "ma", "ya", "re", "wo");
    public static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    // Per-channel statistics of x/255 on the full training sets, as the literature uses them.
    private static final float FASHION_MEAN = 0.2860f;
    private static final float FASHION_STD = 0.3530f;
    private static final float MNIST_MEAN = 0.1307f;
    private static final float MNIST_STD = 0.3081f;

    private FashionMnist() {
    }

    /**
     * The data directory: the {@code dnaslab.data} system property, else {@code $DNASLAB_DATA} (a setting that names
     * a missing directory is an error, not skipped), else Debian's {@code /usr/share/datasets/fashion-mnist} if
     * it holds the training images, else the committed {@code data/fashion-mnist-subset} of the repository found by
     * {@code -Ddnaslab.home}, {@code $DNASLAB_HOME}, or by walking up from the working directory to a directory
     * holding {@code lab} and {@code data/}.
     *
     * @throws UncheckedIOException listing every place tried when none exists
     */
    public static Path defaultDirectory() {
        return defaultDirectory(System::getProperty, System::getenv, DEBIAN_DIRECTORY,
                Path.of(System.getProperty("user.dir")).toAbsolutePath());
    }

    /** {@link #defaultDirectory()} with its inputs made explicit, so tests can vary them. */
    static Path defaultDirectory(UnaryOperator<String> properties, UnaryOperator<String> env, Path debian,
                                 Path workingDir) {
        List<String> tried = new ArrayList<>();
        String[] data = setting(properties, env, DATA_PROPERTY, DATA_ENV);
        if (data != null) {
            Path dir = Path.of(data[0]);
            if (Files.isDirectory(dir)) {
                return dir;
            }
            throw missing("the data directory set by " + data[1] + " does not exist: " + dir);
        }
        tried.add(debian + " (Debian package dataset-fashion-mnist)");
        if (findFile(debian, "train", "images", 3) != null) {
            return debian;
        }
        String[] home = setting(properties, env, HOME_PROPERTY, HOME_ENV);
        Path root = home != null ? Path.of(home[0]) : findRepository(workingDir);
        if (root == null) {
            tried.add("a repository holding 'lab' and 'data/' at or above " + workingDir + " (none found)");
        } else {
            Path subset = root.resolve(SUBSET);
            tried.add(subset + (home != null ? " (from " + home[1] + ")" : ""));
            if (Files.isDirectory(subset)) {
                return subset;
            }
        }
        throw missing("no Fashion-MNIST data found; tried " + String.join(", ", tried)
                + ". Install dataset-fashion-mnist, or set -D" + DATA_PROPERTY + " or $" + DATA_ENV
                + " to a directory of idx files, or -D" + HOME_PROPERTY + " or $" + HOME_ENV + " to the repository");
    }

    private static UncheckedIOException missing(String message) {
        return new UncheckedIOException(message, new NoSuchFileException(message));
    }

    /** The value of a setting and where it came from; the system property wins over the environment. */
    private static String[] setting(UnaryOperator<String> properties, UnaryOperator<String> env,
                                    String property, String variable) {
        String v = properties.apply(property);
        if (v != null && !v.isBlank()) {
            return new String[] {v, "-D" + property};
        }
        v = env.apply(variable);
        if (v != null && !v.isBlank()) {
            return new String[] {v, "$" + variable};
        }
        return null;
    }

    /**
     * The project's repository: {@code -Ddnaslab.home}, else {@code $DNASLAB_HOME}, else the nearest directory at or
     * above the working directory that holds {@code lab} and {@code data/}; empty when none is found.
     */
    public static java.util.Optional<Path> repository() {
        String[] home = setting(System::getProperty, System::getenv, HOME_PROPERTY, HOME_ENV);
        return java.util.Optional.ofNullable(home != null ? Path.of(home[0])
                : findRepository(Path.of(System.getProperty("user.dir")).toAbsolutePath()));
    }

    /** The nearest directory at or above start that holds a {@code lab} file and a {@code data} directory. */
    static Path findRepository(Path start) {
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("lab")) && Files.isDirectory(p.resolve("data"))) {
                return p;
            }
        }
        return null;
    }

    /** Loads the data in {@link #defaultDirectory()}. */
    public static DataPair load() {
        return load(defaultDirectory());
    }

    /**
     * Loads the training and test sets of an idx directory.
     *
     * @throws UncheckedIOException naming the file when one is missing or corrupt
     * @throws IllegalArgumentException naming both files when images and labels disagree
     */
    public static DataPair load(Path dir) {
        String kind = dir.toAbsolutePath().normalize().getFileName() == null ? ""
                : dir.toAbsolutePath().normalize().getFileName().toString();
        String lower = kind.toLowerCase(Locale.ROOT);
        List<String> classes;
        float[] mean = null;
        float[] std = null;
        if (lower.contains("fashion")) {
            classes = FASHION_CLASSES;
            mean = new float[] {FASHION_MEAN};
            std = new float[] {FASHION_STD};
        } else if (lower.contains("kmnist")) {
            classes = KMNIST_CLASSES;
        } else if (lower.contains("mnist")) {
            classes = DIGITS;
            mean = new float[] {MNIST_MEAN};
            std = new float[] {MNIST_STD};
        } else {
            classes = null;
        }
        Raw train = read(dir, "train", classes);
        Raw test = read(dir, "t10k", classes);
        if (classes == null) {
            // An unknown dataset: as many classes as the largest label in either set says.
            int max = Math.max(train.maxLabel(), test.maxLabel());
            classes = java.util.stream.IntStream.rangeClosed(0, max).mapToObj(Integer::toString).toList();
        }
        ImageDataset trainSet = train.toDataset(kind + "/train", classes, mean, std);
        return new DataPair(trainSet, test.toDataset(kind + "/test", classes, trainSet.mean(), trainSet.std()));
    }

    /** Images and labels of one idx pair, checked against each other. */
    private record Raw(IdxArray images, int[] labels) {
        int maxLabel() {
            return java.util.Arrays.stream(labels).max().orElse(-1);
        }

        ImageDataset toDataset(String name, List<String> classes, float[] mean, float[] std) {
            return ImageDataset.create(name, images.data(), labels, 1, images.dims()[1], images.dims()[2], classes,
                    mean, std);
        }
    }

    private static Raw read(Path dir, String prefix, List<String> classes) {
        Path imagesFile = requireFile(dir, prefix, "images", 3);
        Path labelsFile = requireFile(dir, prefix, "labels", 1);
        IdxArray images;
        IdxArray labels;
        try {
            images = IdxReader.readImages(imagesFile);
            labels = IdxReader.readLabels(labelsFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        if (images.count() != labels.count()) {
            throw new IllegalArgumentException("count mismatch: " + imagesFile + " holds " + images.count()
                    + " images but " + labelsFile + " holds " + labels.count() + " labels");
        }
        int[] y = new int[labels.count()];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels.data()[i] & 0xff;
            if (classes != null && y[i] >= classes.size()) {
                throw new IllegalArgumentException(labelsFile + ": label " + y[i] + " of item " + i
                        + " is out of range for " + classes.size() + " classes");
            }
        }
        return new Raw(images, y);
    }

    private static Path requireFile(Path dir, String prefix, String what, int dims) {
        Path found = findFile(dir, prefix, what, dims);
        if (found == null) {
            List<String> names = fileNames(prefix, what, dims);
            String message = "missing file: no " + prefix + " " + what + " in " + dir + "; tried "
                    + String.join(", ", names);
            throw new UncheckedIOException(message, new NoSuchFileException(dir.resolve(names.get(0)).toString()));
        }
        return found;
    }

    private static Path findFile(Path dir, String prefix, String what, int dims) {
        for (String name : fileNames(prefix, what, dims)) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static List<String> fileNames(String prefix, String what, int dims) {
        String dash = prefix + "-" + what + "-idx" + dims + "-ubyte";
        String dot = prefix + "-" + what + ".idx" + dims + "-ubyte";
        return List.of(dash + ".gz", dash, dot + ".gz", dot);
    }
}
