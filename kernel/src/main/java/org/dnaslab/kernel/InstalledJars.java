package org.dnaslab.kernel;

import org.dnaslab.kernel.session.Classpath;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The kernel jar and every jar its manifest lists, copied into the kernelspec's own directory, so an installed kernel
 * keeps working after {@code mvn clean} or a checkout elsewhere. Each install refreshes the copy: changed jars are
 * replaced, jars no longer listed are removed, unchanged ones are left alone. A jar is written beside its final name
 * and renamed into place, so a kernel that is running from the old copy keeps reading the file it opened.
 */
final class InstalledJars {
    static final String DIRECTORY = "jars";
    static final String LIBRARY_SOURCES = "dnaslab-kernel-library-sources.jar";

    private InstalledJars() {
    }

    /** Copies {@code kernelJar} and its class path into {@code target}; returns the installed kernel jar. */
    static Path install(Path kernelJar, Path target) throws IOException {
        Path source = kernelJar.getParent();
        List<Path> jars = new ArrayList<>(Classpath.withManifestClassPath(kernelJar));
        // Not on the class path, but read by inspection for the library's Javadoc.
        Path sources = source.resolve("lib").resolve(LIBRARY_SOURCES);
        if (Files.isRegularFile(sources)) {
            jars.add(sources);
        }
        Set<Path> wanted = new HashSet<>();
        for (Path jar : jars) {
            Path relative = source.relativize(jar);
            if (relative.startsWith("..")) {
                throw new IllegalStateException("install: " + jar + " (listed by " + kernelJar.getFileName()
                        + ") lies outside " + source + "; the manifest's Class-Path must stay relative to the kernel jar");
            }
            Path copy = target.resolve(relative);
            wanted.add(copy.toAbsolutePath().normalize());
            copyIfChanged(jar, copy);
        }
        removeOthers(target, wanted);
        return target.resolve(kernelJar.getFileName()).toAbsolutePath().normalize();
    }

    private static void copyIfChanged(Path from, Path to) throws IOException {
        if (Files.isRegularFile(to) && Files.size(to) == Files.size(from)
                && Files.getLastModifiedTime(to).equals(Files.getLastModifiedTime(from))) {
            return;
        }
        Files.createDirectories(to.getParent());
        Path partial = to.resolveSibling(to.getFileName() + ".partial");
        Files.copy(from, partial, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        Files.move(partial, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void removeOthers(Path target, Set<Path> wanted) throws IOException {
        if (!Files.isDirectory(target)) {
            return;
        }
        try (Stream<Path> files = Files.walk(target)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (!wanted.contains(f.toAbsolutePath().normalize())) {
                    Files.delete(f);
                }
            }
        }
    }
}
