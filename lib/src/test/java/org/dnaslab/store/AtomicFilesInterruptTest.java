package org.dnaslab.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A save that starts while the thread's interrupt flag is set (Jupyter's interrupt mid-step) still lands. */
class AtomicFilesInterruptTest {
    @Test
    void aPendingInterruptNeitherStopsTheWriteNorIsLost(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("run.json");
        Thread.currentThread().interrupt();
        try {
            AtomicFiles.writeString(target, "{\"epochs\": 3}");
            assertTrue(Thread.currentThread().isInterrupted(), "the flag is set again for the caller's next check");
        } finally {
            Thread.interrupted();
        }
        assertEquals("{\"epochs\": 3}", Files.readString(target));
    }
}
