package org.dnaslab.kernel.session;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where JShell looks for Javadoc: the JDK's {@code src.zip} (when Debian's openjdk-17-source or a full JDK provides
 * it) and the library's sources, which the kernel build ships beside the library jar as
 * {@value #SOURCES_JAR}. JShell itself only knows the JDK's; its list of source roots has no public setter, so
 * this sets JShell's internal one, which the kernel jar's manifest opens ({@code Add-Opens: jdk.jshell/jdk.jshell}).
 * Where that is not open (unit tests, a plain class path), JShell keeps its own list: JDK Javadoc only.
 */
final class LibrarySources {
    static final String SOURCES_JAR = "dnaslab-kernel-library-sources.jar";

    private LibrarySources() {
    }

    /** Hands JShell the JDK's and the library's sources; false if JShell's internals are not open to the kernel. */
    static boolean install(List<Path> classpath) {
        Field override;
        try {
            override = Class.forName("jdk.jshell.SourceCodeAnalysisImpl").getDeclaredField("availableSourcesOverride");
            override.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Not opened to us: leave JShell to find the JDK's sources itself (it opens src.zip on its own, so we
            // must not have opened it first).
            return false;
        }
        List<Path> roots = new ArrayList<>(jdkSourceRoots());
        for (Path entry : classpath) {
            Path sources = entry.resolveSibling(SOURCES_JAR);
            if (entry.getFileName() != null && entry.getFileName().toString().startsWith("dnaslab-lib")
                    && Files.isReadable(sources)) {
                roots.add(sources);
                break;
            }
        }
        try {
            override.set(null, List.copyOf(roots));
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** The JDK's source roots as JShell finds them: one per module directory in a modular src.zip. */
    static List<Path> jdkSourceRoots() {
        Path home = Path.of(System.getProperty("java.home"));
        Path zip = home.resolve("lib").resolve("src.zip");
        if (!Files.isReadable(zip)) {
            zip = home.getParent().resolve("src.zip");
        }
        if (!Files.isReadable(zip)) {
            return List.of();
        }
        try {
            // Kept open for the life of the JVM: JShell reads from it on every inspection.
            URI uri = URI.create("jar:" + zip.toUri());
            FileSystem fs;
            try {
                fs = FileSystems.newFileSystem(uri, Map.of());
            } catch (java.nio.file.FileSystemAlreadyExistsException e) {
                fs = FileSystems.getFileSystem(uri);
            }
            Path root = fs.getRootDirectories().iterator().next();
            if (Files.exists(root.resolve("java/lang/Object.java"))) {
                return List.of(zip);
            }
            List<Path> modules = new ArrayList<>();
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
                for (Path p : dirs) {
                    if (Files.isDirectory(p)) {
                        modules.add(p);
                    }
                }
            }
            return modules;
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
