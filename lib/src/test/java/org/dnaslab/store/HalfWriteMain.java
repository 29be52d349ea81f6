package org.dnaslab.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Child process of {@link AtomicFilesFaultsTest}: starts an atomic write of {@code args[0]}, writes and flushes
 * half a record, says so on stdout, then waits forever inside the write, to be killed there.
 */
public final class HalfWriteMain {
    private HalfWriteMain() {
    }

    public static void main(String[] args) {
        AtomicFiles.write(Path.of(args[0]), out -> {
            out.write("{\n  \"key\" : \"half".getBytes(StandardCharsets.UTF_8));
            out.flush();
            System.out.println("half written");
            System.out.flush();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
