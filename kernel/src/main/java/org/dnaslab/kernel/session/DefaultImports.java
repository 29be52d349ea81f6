package org.dnaslab.kernel.session;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The imports every notebook and {@code jsh} session starts with: every library package that has public classes
 * (found in the library jar at startup, so new packages need no kernel change), then the JDK, array, chart and table
 * packages a research notebook uses, then the notebook display calls. Where a library class has the simple name of a
 * class in one of the other packages, a single-type import makes the library's win, so the name stays usable.
 */
public final class DefaultImports {
    /** The library's root package; its sub-packages are imported as found. */
    public static final String LIBRARY_ROOT = "org.dnaslab";

    /** Packages imported after the library's, each with a class that shows it is on the class path. */
    static final Map<String, String> STANDARD = standard();

    /** Static members every cell can call: display(...), updateDisplay(...), render(...), clearOutput(). */
    public static final String NOTEBOOK_STATICS = "org.dnaslab.kernel.display.Notebook";

    /** A class that is always in the library jar, to find that jar. */
    private static final String LIBRARY_MARKER = "org.dnaslab.progress.Progress";

    private DefaultImports() {
    }

    private static Map<String, String> standard() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("java.util", "List");
        m.put("java.util.function", "Function");
        m.put("java.util.stream", "Stream");
        m.put("java.util.concurrent", "TimeUnit");
        m.put("java.io", "File");
        m.put("java.nio.file", "Path");
        m.put("ai.djl.ndarray", "NDArray");
        m.put("ai.djl.ndarray.types", "Shape");
        m.put("org.knowm.xchart", "XYChart");
        m.put("tech.tablesaw.api", "Table");
        return m;
    }

    /** Import statements, one per element, for what this JVM can load. */
    public static List<String> statements() {
        Map<String, Set<String>> library = libraryClasses(libraryLocation());
        List<String> statements = new ArrayList<>();
        library.keySet().forEach(p -> statements.add("import " + p + ".*;"));
        List<String> standard = new ArrayList<>();
        STANDARD.forEach((pkg, marker) -> {
            if (exists(pkg, marker)) {
                standard.add(pkg);
                statements.add("import " + pkg + ".*;");
            }
        });
        statements.addAll(disambiguations(library, standard));
        statements.add("import static " + NOTEBOOK_STATICS + ".*;");
        return statements;
    }

    /**
     * Single-type imports for library classes whose simple name a standard package also has. Names shared by two
     * library packages are left ambiguous on purpose: the user must say which one is meant.
     */
    static List<String> disambiguations(Map<String, Set<String>> library, List<String> standardPackages) {
        Map<String, List<String>> owners = new TreeMap<>();
        library.forEach((pkg, names) -> names.forEach(n -> owners.computeIfAbsent(n, k -> new ArrayList<>()).add(pkg)));
        List<String> statements = new ArrayList<>();
        owners.forEach((simple, pkgs) -> {
            if (pkgs.size() == 1 && standardPackages.stream().anyMatch(p -> exists(p, simple))) {
                statements.add("import " + pkgs.get(0) + "." + simple + ";");
            }
        });
        return statements;
    }

    private static boolean exists(String pkg, String simpleName) {
        return ClassLoader.getSystemResource(pkg.replace('.', '/') + "/" + simpleName + ".class") != null;
    }

    private static Path libraryLocation() {
        try {
            return Path.of(Class.forName(LIBRARY_MARKER, false, DefaultImports.class.getClassLoader())
                    .getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException("the DNAS Lab library is not on the class path", e);
        }
    }

    /** Public top-level classes of the library, by package (sorted), from its jar or class directory. */
    static Map<String, Set<String>> libraryClasses(Path location) {
        Map<String, Set<String>> out = new TreeMap<>();
        try {
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.walk(location)) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        String name = location.relativize(f).toString().replace('\\', '/');
                        try (InputStream in = Files.newInputStream(f)) {
                            add(name, in, out);
                        }
                    }
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        JarEntry e = entries.nextElement();
                        if (candidate(e.getName())) {
                            try (InputStream in = jar.getInputStream(e)) {
                                add(e.getName(), in, out);
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the library's classes in " + location, e);
        }
        return out;
    }

    private static boolean candidate(String name) {
        String root = LIBRARY_ROOT.replace('.', '/') + "/";
        return name.startsWith(root) && name.endsWith(".class") && name.indexOf('$') < 0
                && !name.endsWith("/package-info.class") && !name.startsWith("org/dnaslab/kernel/");
    }

    private static void add(String name, InputStream classFile, Map<String, Set<String>> out) throws IOException {
        if (!candidate(name) || !isPublic(classFile)) {
            return;
        }
        int slash = name.lastIndexOf('/');
        out.computeIfAbsent(name.substring(0, slash).replace('/', '.'), k -> new TreeSet<>())
                .add(name.substring(slash + 1, name.length() - ".class".length()));
    }

    /** Reads a class file's access flags: they follow the constant pool, whose entries must be skipped one by one. */
    static boolean isPublic(InputStream classFile) throws IOException {
        DataInputStream in = new DataInputStream(classFile);
        if (in.readInt() != 0xCAFEBABE) {
            return false;
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> in.skipNBytes(in.readUnsignedShort());
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                case 5, 6 -> {
                    in.skipNBytes(8);
                    i++; // longs and doubles take two slots
                }
                case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
                case 15 -> in.skipNBytes(3);
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        int access = in.readUnsignedShort();
        boolean synthetic = (access & 0x1000) != 0;
        boolean module = (access & 0x8000) != 0;
        return (access & 0x0001) != 0 && !synthetic && !module;
    }
}
