package org.dnaslab.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The project's version, the one source for every record that names it: run records ({@code run.json}), result
 * records ({@link ResultStore}), findings and the kernel's banner. Maven writes it into
 * {@code org/dnaslab/version.properties} when it builds the library, so it is the same from the jar and from
 * {@code target/classes}; "unknown" only when that resource is missing.
 */
public final class ProjectVersion {
    private static final String VERSION = load();

    private ProjectVersion() {
    }

    /** The version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = ProjectVersion.class.getResourceAsStream("/org/dnaslab/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
