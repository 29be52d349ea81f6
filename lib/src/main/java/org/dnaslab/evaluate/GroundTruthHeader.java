package org.dnaslab.evaluate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.dnaslab.store.Machine;
import org.dnaslab.store.ProjectVersion;

/**
 * Where a {@link GroundTruth} table comes from: the library version and machine that last extended it, when, and
 * the protocol every row was trained under (seed 0; seed s trains {@code protocol.withSeed(s)}).
 *
 * @param library  library version
 * @param machine  CPU model, core count, vector unit and operating system
 * @param date     when the table was last written (UTC, ISO-8601)
 * @param protocol the training protocol, seed 0
 */
public record GroundTruthHeader(String library, String machine, String date, TrainingProtocol protocol) {

    public GroundTruthHeader {
        Objects.requireNonNull(library, "library");
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(protocol, "protocol");
        if (protocol.seed() != 0) {
            throw new IllegalArgumentException("a ground-truth table records its protocol with seed 0 (seed s trains "
                    + "protocol.withSeed(s)), got seed " + protocol.seed());
        }
    }

    /** The header for a table written now, on this machine, by this library. */
    public static GroundTruthHeader now(TrainingProtocol protocol) {
        return new GroundTruthHeader(ProjectVersion.get(), Machine.describe(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), protocol);
    }

    /** The protocol's fingerprint: the table's, and every row's. */
    public String fingerprint() {
        return protocol.fingerprint();
    }
}
