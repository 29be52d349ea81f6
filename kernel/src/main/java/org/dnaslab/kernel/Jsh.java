package org.dnaslab.kernel;

import jdk.jshell.tool.JavaShellToolBuilder;
import org.dnaslab.kernel.session.Classpath;
import org.dnaslab.kernel.session.DefaultImports;
import org.dnaslab.kernel.session.ErrorReport;
import org.dnaslab.kernel.session.Session;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code jsh}: JShell with the kernel's class path, default imports and startup. With a script it runs the script as
 * one notebook cell (magics included, and the environment's settings as in a kernel: {@link KernelEnvironment}) and
 * exits 1 on an error; without, it opens the interactive JShell tool with the extra class path.
 */
final class Jsh {
    private Jsh() {
    }

    static int run(List<String> args) throws Exception {
        if (args.isEmpty()) {
            List<Path> classpath = new ArrayList<>(Classpath.ofThisJvm());
            classpath.addAll(KernelEnvironment.current().classpath());
            return interactive(classpath, DefaultImports.statements());
        }
        if (args.size() > 1 || args.get(0).startsWith("-")) {
            System.err.println("usage: jsh [SCRIPT.jsh]");
            return 2;
        }
        Path script = Path.of(args.get(0));
        if (!Files.isRegularFile(script)) {
            System.err.println("jsh: no such script: " + script);
            return 2;
        }
        KernelEnvironment environment = KernelEnvironment.current();
        try (Session session = environment.startSession()) {
            environment.problems().forEach(p -> System.err.println("jsh: " + p));
            Object value = session.eval(Files.readString(script, StandardCharsets.UTF_8));
            if (value != null) {
                System.out.println(value);
            }
            return 0;
        } catch (Exception e) {
            System.out.flush();
            ErrorReport.lines(e).forEach(System.err::println);
            return 1;
        }
    }

    private static int interactive(List<Path> classpath, List<String> imports) throws Exception {
        Path startup = Files.createTempFile("dnaslab-startup", ".jsh");
        startup.toFile().deleteOnExit();
        Files.write(startup, imports, StandardCharsets.UTF_8);
        return JavaShellToolBuilder.builder().start(
                "--class-path", Classpath.join(classpath),
                "--startup", startup.toString(),
                "--execution", "local",
                "--feedback", "normal") == 0 ? 0 : 1;
    }
}
