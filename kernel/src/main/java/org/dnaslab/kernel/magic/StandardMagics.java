package org.dnaslab.kernel.magic;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.dnaslab.kernel.session.CellSource;
import org.dnaslab.kernel.session.Magics;
import org.dnaslab.kernel.session.Session;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** Registers the standard magics. Each is a small static method; its usage and description make {@code %lsmagic}. */
public final class StandardMagics {
    private StandardMagics() {
    }

    public static Magics create() {
        return new Magics()
                .line("classpath", "[PATH...]", "add jars or class directories (globs allowed); without arguments, list the class path",
                        StandardMagics::classpath)
                .line("jars", "GLOB...", "add the jars matching each glob (a directory adds the jars in it)",
                        StandardMagics::jars)
                .line("load", "FILE", "run a .jsh or .java file, or every code cell of a .ipynb notebook, in this session",
                        StandardMagics::load)
                .line("time", "CODE", "run one line of code and print its wall and CPU time", StandardMagics::timeLine)
                .cell("time", "", "run the rest of the cell and print its wall and CPU time", StandardMagics::timeCell)
                .line("maven", "GROUP:ARTIFACT:VERSION...", "add artifacts and their dependencies from the local Maven repository (offline)",
                        StandardMagics::maven)
                .cell("loadFromPOM", "", "add the dependencies of the POM, <dependencies> or <dependency> elements in the cell (offline)",
                        StandardMagics::loadFromPom)
                .line("lsmagic", "", "list the magics, one line each", StandardMagics::list);
    }

    static Object classpath(Session session, String argLine) throws IOException {
        List<String> args = CellSource.splitArgs(argLine);
        if (args.isEmpty()) {
            session.classpath().forEach(System.out::println);
            return null;
        }
        List<Path> paths = new ArrayList<>();
        for (String arg : args) {
            for (String entry : arg.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    List<Path> matched = Globs.expand(entry);
                    if (matched.isEmpty()) {
                        throw new IllegalArgumentException("%classpath: nothing matches " + entry);
                    }
                    paths.addAll(matched);
                }
            }
        }
        session.addToClasspath(paths);
        return null;
    }

    static Object maven(Session session, String argLine) throws Exception {
        List<String> args = CellSource.splitArgs(argLine);
        if (args.isEmpty()) {
            throw new IllegalArgumentException("usage: %maven GROUP:ARTIFACT:VERSION...  e.g. %maven org.apache.commons:commons-math3:3.6.1");
        }
        StringBuilder dependencies = new StringBuilder();
        for (String coordinates : args) {
            dependencies.append(MavenResolver.dependency(coordinates));
        }
        return addResolved(session, MavenResolver.pom(dependencies.toString()), "%maven");
    }

    static Object loadFromPom(Session session, String argLine, String body) throws Exception {
        return addResolved(session, MavenResolver.pom(body), "%%loadFromPOM");
    }

    private static Object addResolved(Session session, String pom, String magic) throws Exception {
        List<Path> jars = MavenResolver.resolve(pom, magic);
        session.addToClasspath(jars);
        System.out.println(magic + ": added " + jars.size() + (jars.size() == 1 ? " jar" : " jars") + " to the class path");
        return null;
    }

    static Object jars(Session session, String argLine) throws IOException {
        List<String> args = CellSource.splitArgs(argLine);
        if (args.isEmpty()) {
            throw new IllegalArgumentException("usage: %jars GLOB...  e.g. %jars lib/*.jar");
        }
        List<Path> jars = new ArrayList<>();
        for (String arg : args) {
            List<Path> matched = Globs.expand(arg);
            for (Path p : matched) {
                if (Files.isDirectory(p)) {
                    try (Stream<Path> list = Files.list(p)) {
                        list.filter(f -> f.toString().endsWith(".jar")).sorted().forEach(jars::add);
                    }
                } else {
                    jars.add(p);
                }
            }
            if (matched.isEmpty()) {
                throw new IllegalArgumentException("%jars: no jar matches " + arg);
            }
        }
        session.addToClasspath(jars);
        return null;
    }

    static Object load(Session session, String argLine) throws Exception {
        List<String> args = CellSource.splitArgs(argLine);
        if (args.size() != 1) {
            throw new IllegalArgumentException("usage: %load FILE.jsh | FILE.java | NOTEBOOK.ipynb");
        }
        Path file = Path.of(args.get(0)).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("%load: no such file " + file);
        }
        if (file.getFileName().toString().endsWith(".ipynb")) {
            for (String cell : codeCells(file)) {
                session.evalNested(cell);
            }
        } else {
            session.evalNested(Files.readString(file, StandardCharsets.UTF_8));
        }
        return null;
    }

    /** The sources of a notebook's code cells, in order (nbformat 4: a string or a list of lines). */
    static List<String> codeCells(Path notebook) throws IOException {
        JsonObject nb = JsonParser.parseString(Files.readString(notebook, StandardCharsets.UTF_8)).getAsJsonObject();
        JsonArray cells = nb.getAsJsonArray("cells");
        if (cells == null) {
            throw new IllegalArgumentException("%load: " + notebook + " has no cells (is it an nbformat 4 notebook?)");
        }
        List<String> sources = new ArrayList<>();
        for (JsonElement c : cells) {
            JsonObject cell = c.getAsJsonObject();
            if (!"code".equals(cell.get("cell_type").getAsString())) {
                continue;
            }
            JsonElement source = cell.get("source");
            StringBuilder sb = new StringBuilder();
            if (source.isJsonArray()) {
                source.getAsJsonArray().forEach(line -> sb.append(line.getAsString()));
            } else {
                sb.append(source.getAsString());
            }
            sources.add(sb.toString());
        }
        return sources;
    }

    static Object timeLine(Session session, String argLine) throws Exception {
        return timed(() -> session.evalNested(argLine));
    }

    static Object timeCell(Session session, String argLine, String body) throws Exception {
        return timed(() -> session.evalNested(body));
    }

    interface Body {
        Object run() throws Exception;
    }

    private static Object timed(Body body) throws Exception {
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        try {
            return body.run();
        } finally {
            long wall = System.nanoTime() - t0;
            long cpu = processCpuNanos() - cpu0;
            System.out.println("Wall time: " + duration(wall) + (cpu0 >= 0 ? ", CPU time (all threads): " + duration(cpu) : ""));
        }
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    static String duration(long nanos) {
        double ms = nanos / 1e6;
        if (ms < 1) {
            return String.format(Locale.ROOT, "%.0f µs", nanos / 1e3);
        }
        if (ms < 1000) {
            return String.format(Locale.ROOT, "%.1f ms", ms);
        }
        return String.format(Locale.ROOT, "%.2f s", ms / 1000);
    }

    static Object list(Session session, String argLine) {
        Map<String, Magics.Help> usage = session.magics().usage();
        int width = usage.values().stream().mapToInt(h -> h.call().length()).max().orElse(0);
        for (Magics.Help h : usage.values()) {
            System.out.println(String.format(Locale.ROOT, "%-" + width + "s  %s", h.call(), h.description()));
        }
        return null;
    }
}
