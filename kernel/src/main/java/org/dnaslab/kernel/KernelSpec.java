package org.dnaslab.kernel;

import com.google.gson.GsonBuilder;
import org.dnaslab.store.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Writes the {@code dnaslab} kernelspec: {@code install [--user | --sys-prefix | --prefix DIR] [--name NAME]
 * [--jvm-opt OPTION]... [--no-cds]}. The spec runs a copy of this jar and its class path kept in the kernelspec's
 * directory ({@link InstalledJars}) with this JVM (absolute paths), so it keeps working from any directory and after
 * {@code mvn clean}, and with a class data archive made at install time, so it starts faster.
 */
final class KernelSpec {
    static final String DEFAULT_NAME = "dnaslab";
    static final String DISPLAY_NAME = "Java (DNAS Lab)";
    static final String CDS_ARCHIVE = "dnaslab-kernel.jsa";

    private KernelSpec() {
    }

    static int install(List<String> args) throws IOException, InterruptedException {
        String where = "--user";
        Path prefix = null;
        String name = DEFAULT_NAME;
        List<String> extraJvmOptions = new ArrayList<>();
        boolean classDataSharing = true;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--user", "--sys-prefix" -> where = a;
                case "--prefix" -> {
                    where = a;
                    prefix = Path.of(value(args, ++i, a));
                }
                case "--name" -> name = value(args, ++i, a);
                case "--jvm-opt" -> extraJvmOptions.add(value(args, ++i, a));
                case "--no-cds" -> classDataSharing = false;
                default -> throw new IllegalArgumentException("install: unknown option " + a
                        + "\nusage: install [--user | --sys-prefix | --prefix DIR] [--name NAME] [--jvm-opt OPTION]... [--no-cds]");
            }
        }
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("install: a kernel name may use letters, digits, '.', '_' and '-' only");
        }
        Path kernels = switch (where) {
            case "--prefix" -> prefix.toAbsolutePath().resolve("share/jupyter/kernels");
            case "--sys-prefix" -> pythonSysPrefix().resolve("share/jupyter/kernels");
            default -> userKernelsDir();
        };
        Path dir = kernels.resolve(name);
        Files.createDirectories(dir);
        Path json = dir.resolve("kernel.json");
        // The spec runs its own copy of the jars: it must not point into a build directory that mvn clean empties.
        Path jar = InstalledJars.install(kernelJar(), dir.resolve(InstalledJars.DIRECTORY));
        Path archive = dir.resolve(CDS_ARCHIVE);
        Files.deleteIfExists(archive);
        if (classDataSharing && !ClassDataSharing.createArchive(archive, jar, extraJvmOptions)) {
            System.err.println("note: no class data archive was made; the kernel will start more slowly");
        }
        AtomicFiles.writeString(json, toJson(spec(jar, extraJvmOptions, Files.isRegularFile(archive) ? archive : null)));
        System.out.println("Installed the " + DISPLAY_NAME + " kernel as '" + name + "' in " + dir);
        return 0;
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException("install: " + option + " needs a value");
        }
        return args.get(i);
    }

    /**
     * Runs the JVM through {@code /bin/sh}, which reads {@code DNASLAB_JVM_OPTS} (else {@code JJAVA_JVM_OPTS}) each
     * time the kernel starts and puts them just before {@code -jar}, after the defaults, so they win. The rest of the
     * argv stays a plain java command line; {@code exec} leaves one process, the JVM.
     */
    static final String LAUNCH = "set -f; opts=${DNASLAB_JVM_OPTS:-${JJAVA_JVM_OPTS:-}}; "
            + "for a do shift; if [ \"$a\" = -jar ]; then set -- \"$@\" $opts; fi; set -- \"$@\" \"$a\"; done; "
            + "exec \"$@\"";

    static Map<String, Object> spec(Path jar, List<String> extraJvmOptions, Path cdsArchive) {
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", LAUNCH, "dnaslab-kernel"));
        argv.add(javaExecutable().toString());
        argv.addAll(jvmOptions(extraJvmOptions));
        if (cdsArchive != null) {
            argv.addAll(ClassDataSharing.useArchive(cdsArchive));
        }
        argv.add("-jar");
        argv.add(jar.toString());
        argv.add("{connection_file}");
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("argv", argv);
        spec.put("display_name", DISPLAY_NAME);
        spec.put("language", "java");
        spec.put("interrupt_mode", "message");
        // No OMP_WAIT_POLICY here: the kernel inherits the server's environment, so PyTorch's threads wait as
        // OpenMP does by default (a short spin) unless the user exports a policy. Measured on a 2-core VM, the short
        // spin is up to 2x faster on an otherwise idle machine, PASSIVE about 2x faster when another process keeps
        // a core busy (README, "Speed and memory").
        spec.put("metadata", Map.of("debugger", false));
        return spec;
    }

    /** The JVM options of the kernel (and of the class-data training run, which must match it). */
    static List<String> jvmOptions(List<String> extraJvmOptions) {
        List<String> options = new ArrayList<>();
        JvmDefaults.properties().forEach((k, v) -> options.add("-D" + k + "=" + v));
        // PyTorch's intra-op threads: as many as this machine has cores.
        options.add("-Dai.djl.pytorch.num_threads=" + Runtime.getRuntime().availableProcessors());
        options.addAll(JvmDefaults.extraOptions());
        options.addAll(extraJvmOptions);
        return options;
    }

    static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    static String toJson(Map<String, Object> spec) {
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(spec) + "\n";
    }

    /** This jar; the spec must not depend on the directory Jupyter starts kernels in. */
    static Path kernelJar() {
        try {
            Path p = Path.of(KernelMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!p.toString().endsWith(".jar")) {
                throw new IllegalStateException("install must run from the packaged kernel jar (mvn package), not " + p);
            }
            return p.toAbsolutePath();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot locate the kernel jar", e);
        }
    }

    /** Where {@code jupyter kernelspec install --user} writes. */
    static Path userKernelsDir() {
        String dataDir = System.getenv("JUPYTER_DATA_DIR");
        if (dataDir != null && !dataDir.isBlank()) {
            return Path.of(dataDir, "kernels");
        }
        Path home = Path.of(System.getProperty("user.home"));
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac")) {
            return home.resolve("Library/Jupyter/kernels");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path data = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local/share");
        return data.resolve("jupyter/kernels");
    }

    /** sys.prefix of the Python that runs Jupyter: $DNASLAB_PYTHON, else Debian's /usr/bin/python3, else python3. */
    static Path pythonSysPrefix() throws IOException, InterruptedException {
        String python = System.getenv("DNASLAB_PYTHON");
        if (python == null || python.isBlank()) {
            python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        }
        Process p = new ProcessBuilder(python, "-c", "import sys; print(sys.prefix)").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || out.isEmpty()) {
            throw new IllegalStateException("--sys-prefix: cannot ask " + python + " for sys.prefix: " + out);
        }
        return Path.of(out);
    }
}
