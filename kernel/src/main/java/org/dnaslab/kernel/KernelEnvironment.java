package org.dnaslab.kernel;

import org.dnaslab.kernel.magic.Globs;
import org.dnaslab.kernel.magic.StandardMagics;
import org.dnaslab.kernel.session.CellSource;
import org.dnaslab.kernel.session.Classpath;
import org.dnaslab.kernel.session.DefaultImports;
import org.dnaslab.kernel.session.ErrorReport;
import org.dnaslab.kernel.session.Session;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Settings read from the environment when a kernel (or {@code jsh}) starts, under this project's names and, where the
 * meaning is the same, under IJava's and JJava's. The first name that is set wins.
 *
 * <ul>
 *   <li>class path: {@code DNASLAB_CLASSPATH}, {@code JJAVA_CLASSPATH}, {@code IJAVA_CLASSPATH} (':'-separated,
 *       globs allowed);</li>
 *   <li>startup scripts: {@code DNASLAB_STARTUP_SCRIPTS}, {@code JJAVA_STARTUP_SCRIPTS_PATH},
 *       {@code IJAVA_STARTUP_SCRIPTS_PATH} (':'-separated files or globs, run in order as cells);</li>
 *   <li>startup code: {@code DNASLAB_STARTUP_SCRIPT}, {@code JJAVA_STARTUP_SCRIPT}, {@code IJAVA_STARTUP_SCRIPT}
 *       (run after the scripts);</li>
 *   <li>compiler options: {@code DNASLAB_COMPILER_OPTS}, {@code JJAVA_COMPILER_OPTS}, {@code IJAVA_COMPILER_OPTS};</li>
 *   <li>JVM options: {@code DNASLAB_JVM_OPTS}, {@code JJAVA_JVM_OPTS}, applied by the kernelspec's launch command
 *       ({@link KernelSpec}), since they must be known before the JVM starts.</li>
 * </ul>
 * A problem with any of them does not stop the kernel: it is reported in the first cell's output (and on stderr).
 */
final class KernelEnvironment {
    static final List<String> CLASSPATH = List.of("DNASLAB_CLASSPATH", "JJAVA_CLASSPATH", "IJAVA_CLASSPATH");
    static final List<String> STARTUP_SCRIPTS =
            List.of("DNASLAB_STARTUP_SCRIPTS", "JJAVA_STARTUP_SCRIPTS_PATH", "IJAVA_STARTUP_SCRIPTS_PATH");
    static final List<String> STARTUP_SCRIPT = List.of("DNASLAB_STARTUP_SCRIPT", "JJAVA_STARTUP_SCRIPT", "IJAVA_STARTUP_SCRIPT");
    static final List<String> COMPILER_OPTS = List.of("DNASLAB_COMPILER_OPTS", "JJAVA_COMPILER_OPTS", "IJAVA_COMPILER_OPTS");
    static final List<String> JVM_OPTS = List.of("DNASLAB_JVM_OPTS", "JJAVA_JVM_OPTS");

    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();

    KernelEnvironment(Map<String, String> env) {
        this.env = env;
    }

    static KernelEnvironment current() {
        return new KernelEnvironment(System.getenv());
    }

    /** The value of the first of {@code names} that is set and not blank, or null. */
    String first(List<String> names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private String nameOfFirst(List<String> names) {
        return names.stream().filter(n -> env.get(n) != null && !env.get(n).isBlank()).findFirst().orElse(names.get(0));
    }

    /** Extra class path entries; an entry that matches nothing is reported and skipped. */
    List<Path> classpath() {
        return paths(CLASSPATH, "class path entry");
    }

    /** Startup script files, in order. */
    List<Path> startupScripts() {
        return paths(STARTUP_SCRIPTS, "startup script");
    }

    List<String> compilerOptions() {
        String value = first(COMPILER_OPTS);
        return value == null ? List.of() : CellSource.splitArgs(value);
    }

    private List<Path> paths(List<String> names, String what) {
        String value = first(names);
        List<Path> paths = new ArrayList<>();
        if (value == null) {
            return paths;
        }
        for (String entry : value.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            try {
                List<Path> matched = Globs.expand(entry.strip());
                if (matched.isEmpty()) {
                    problems.add(nameOfFirst(names) + ": no " + what + " matches " + entry);
                }
                paths.addAll(matched);
            } catch (IllegalArgumentException | IOException e) {
                problems.add(nameOfFirst(names) + ": " + what + " " + entry + ": " + e.getMessage());
            }
        }
        return paths;
    }

    /**
     * A session with this JVM's class path plus the extra one, the default imports, then the startup scripts and
     * code run as cells. Problems are kept for {@link #problems()}, not thrown: the kernel must start regardless.
     */
    Session startSession() {
        List<Path> classpath = new ArrayList<>(Classpath.ofThisJvm());
        classpath.addAll(classpath());
        Session session = Session.start(classpath, DefaultImports.statements(), StandardMagics.create(),
                Session.DEFAULT_GRACE_MILLIS, compilerOptions());
        for (Path script : startupScripts()) {
            try {
                session.eval(Files.readString(script, StandardCharsets.UTF_8));
            } catch (Exception e) {
                problems.add(nameOfFirst(STARTUP_SCRIPTS) + ": " + script + " failed:\n  "
                        + String.join("\n  ", ErrorReport.lines(e)));
            }
        }
        String code = first(STARTUP_SCRIPT);
        if (code != null) {
            try {
                session.eval(code);
            } catch (Exception e) {
                problems.add(nameOfFirst(STARTUP_SCRIPT) + " failed:\n  " + String.join("\n  ", ErrorReport.lines(e)));
            }
        }
        return session;
    }

    /** What went wrong while applying the settings, one message each. */
    List<String> problems() {
        return List.copyOf(problems);
    }
}
