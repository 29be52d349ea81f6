package org.dnaslab.sweep;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import org.dnaslab.evaluate.TrainingProtocol;
import org.dnaslab.space.Architecture;
import org.dnaslab.space.Nb201Canonical;
import org.dnaslab.space.SearchSpace;

/**
 * One training from scratch, as plain data that a Spark task carries: which cell, under which protocol and seed,
 * on which images, and the result store it is written to. The protocol travels as JSON (the library's records are
 * not {@link java.io.Serializable}, and JSON is what the store keeps anyway).
 *
 * <p>Its {@link #storeKey() store key} is {@code train/p-<protocol fingerprint>/<cell id>/seed-<s>}, the cell id
 * derived from the canonical key for NB201 (so equivalent cells share one training) and from the architecture
 * otherwise; the fingerprint is that of the protocol with seed 0, so the seeds of one protocol sit side by side.
 *
 * @param space    the search space's name
 * @param arch     the cell: an NB201 string, or a genotype for DARTS-type spaces
 * @param protocol the protocol's JSON, seed 0
 * @param seed     the training seed
 * @param data     the images
 * @param store    the result store's directory (shared by all executors)
 */
public record TrainingTask(String space, String arch, String protocol, long seed, DataSource data, String store)
        implements SweepTask {

    public TrainingTask {
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(store, "store");
    }

    /** A task for {@code cell}; an NB201 cell is replaced by its class's representative, the cell the table trains. */
    public static TrainingTask of(Architecture cell, TrainingProtocol protocol, long seed, DataSource data,
                                  String store) {
        TrainingProtocol base = protocol.withSeed(0);
        boolean nb201 = cell.space().name().equals("nb201");
        String text = nb201 ? Nb201Canonical.representative(cell).toNb201String() : cell.toGenotypeString();
        return new TrainingTask(cell.space().name(), text, base.toJson(), seed, data, store);
    }

    public Architecture architecture() {
        SearchSpace s = SearchSpace.byName(space);
        return space.equals("nb201") ? Architecture.parseNb201(s, arch) : Architecture.parseGenotype(s, arch);
    }

    /** The protocol this task trains under: the base protocol with this task's seed. */
    public TrainingProtocol trainingProtocol() {
        return TrainingProtocol.fromJson(protocol).withSeed(seed);
    }

    /** The NB201 canonical key, or the architecture's own text for other spaces. */
    public String cellKey() {
        return space.equals("nb201") ? Nb201Canonical.key(architecture()) : arch;
    }

    public String storeKey() {
        String cellId = (space.equals("nb201") ? "k-" : space + "-") + digest(cellKey());
        return "train/p-" + TrainingProtocol.fromJson(protocol).fingerprint() + "/" + cellId + "/seed-" + seed;
    }

    @Override
    public TaskOutcome run() {
        return TrainOne.run(this);
    }

    @Override
    public String label() {
        return "train " + arch + " seed " + seed;
    }

    static String digest(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
