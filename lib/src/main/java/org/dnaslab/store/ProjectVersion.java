package org.dnaslab.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The library's version, recorded in every run record so a figure can be traced to the code that made it. */
public final class ProjectVersion {
    private static final String VERSION = load();

    private ProjectVersion() {
    }

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
