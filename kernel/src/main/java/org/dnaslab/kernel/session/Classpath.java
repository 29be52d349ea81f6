package org.dnaslab.kernel.session;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The JVM's own class path as files, for JShell's compiler. With {@code java -jar} the system property names only the
 * kernel jar, so the jars its manifest lists are followed too.
 */
public final class Classpath {
    private Classpath() {
    }

    public static List<Path> ofThisJvm() {
        Set<Path> seen = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                add(Path.of(entry).toAbsolutePath().normalize(), seen);
            }
        }
        return new ArrayList<>(seen);
    }

    /** The jar and, recursively, the jars its manifest's Class-Path lists (those that exist), in order. */
    public static List<Path> withManifestClassPath(Path jar) {
        Set<Path> seen = new LinkedHashSet<>();
        add(jar.toAbsolutePath().normalize(), seen);
        return new ArrayList<>(seen);
    }

    private static void add(Path path, Set<Path> seen) {
        if (!Files.exists(path) || !seen.add(path) || Files.isDirectory(path)) {
            return;
        }
        for (Path listed : manifestClassPath(path)) {
            add(listed, seen);
        }
    }

    private static List<Path> manifestClassPath(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String cp = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (cp == null || cp.isBlank()) {
                return List.of();
            }
            List<Path> paths = new ArrayList<>();
            Path dir = jar.getParent();
            for (String relative : cp.trim().split("\\s+")) {
                paths.add(dir.resolve(relative).normalize());
            }
            return paths;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest of " + jar, e);
        }
    }

    public static String join(List<Path> paths) {
        return String.join(File.pathSeparator, paths.stream().map(Path::toString).toList());
    }
}
