package org.dnaslab.kernel;

import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dnaslab.kernel.channel.ConnectionFile;
import org.dnaslab.kernel.channel.GuardedConnection;
import org.dnaslab.kernel.display.Notebook;
import org.dnaslab.kernel.display.NotebookProgress;
import org.dnaslab.kernel.magic.StandardMagics;
import org.dnaslab.kernel.session.Classpath;
import org.dnaslab.kernel.session.DefaultImports;
import org.dnaslab.kernel.session.Session;
import org.dnaslab.progress.ProgressReporters;
import org.dnaslab.store.ProjectVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code java -jar dnaslab-kernel.jar}:
 * <pre>
 *   CONNECTION_FILE                                   run the kernel (Jupyter does this)
 *   install [--user|--sys-prefix|--prefix DIR] [--name NAME] [--jvm-opt OPT]...   write the kernelspec
 *   jsh [SCRIPT.jsh]                                  JShell with the library, interactive or a script
 * </pre>
 */
public final class KernelMain {
    /** Progress bars redraw at most this often. */
    static final long PROGRESS_INTERVAL_MILLIS = 250;

    private KernelMain() {
    }

    public static void main(String[] args) {
        JvmDefaults.applyMissing();
        int status;
        try {
            status = run(Arrays.asList(args));
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("dnaslab-kernel: " + e.getMessage());
            status = 2;
        } catch (Exception e) {
            System.err.println("dnaslab-kernel: " + e);
            status = 1;
        }
        System.exit(status);
    }

    private static int run(List<String> args) throws Exception {
        if (args.isEmpty() || args.get(0).equals("-h") || args.get(0).equals("--help")) {
            System.out.println("""
                    usage: java -jar dnaslab-kernel.jar CONNECTION_FILE
                           java -jar dnaslab-kernel.jar install [--user | --sys-prefix | --prefix DIR] [--name NAME] [--jvm-opt OPTION]...
                           java -jar dnaslab-kernel.jar jsh [SCRIPT.jsh]""");
            return args.isEmpty() ? 2 : 0;
        }
        List<String> rest = args.subList(1, args.size());
        return switch (args.get(0)) {
            case "install" -> KernelSpec.install(rest);
            case "jsh" -> Jsh.run(rest);
            case ClassDataSharing.TRAINING_COMMAND -> trainForClassData();
            default -> {
                if (args.size() != 1) {
                    throw new IllegalArgumentException("expected one connection file, got " + args);
                }
                yield runKernel(Path.of(args.get(0)));
            }
        };
    }

    private static int runKernel(Path connectionFile) throws Exception {
        StartupTiming.mark("main");
        Logger log = LoggerFactory.getLogger(KernelMain.class);
        if (!Files.isRegularFile(connectionFile)) {
            throw new IllegalArgumentException("no such connection file: " + connectionFile);
        }
        KernelConnectionProperties props = ConnectionFile.read(connectionFile);
        if (ConnectionFile.isWildcard(props.getIp())) {
            log.warn("the connection file asks to listen on all interfaces ({})", props.getIp());
        }
        // JShell and its first compile take about a second: do it while Jupyter and the kernel shake hands.
        CompletableFuture<Session> session = new CompletableFuture<>();
        SessionHistory history = new SessionHistory();
        DnasKernel kernel = new DnasKernel(session, history);
        Thread starter = new Thread(() -> {
            try {
                KernelEnvironment environment = KernelEnvironment.current();
                Session started = environment.startSession();
                environment.problems().forEach(p -> log.warn("{}", p));
                kernel.noteAtFirstCell(environment.problems());
                session.complete(started);
                StartupTiming.mark("session ready");
            } catch (Throwable t) {
                log.error("the Java session failed to start", t);
                session.completeExceptionally(t);
            }
        }, "dnaslab-session-start");
        starter.setDaemon(true);
        starter.start();

        StartupTiming.mark("session thread started");
        StartupTiming.mark("kernel built");
        Notebook.attach(kernel);
        ProgressReporters.setCurrent(new NotebookProgress(PROGRESS_INTERVAL_MILLIS));
        GuardedConnection connection = new GuardedConnection(props);
        StartupTiming.mark("connection built");
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        kernel.onStartup();
        StartupTiming.mark("connected");
        exitWithParent(log);
        connection.waitUntilClose();
        return 0;
    }

    /**
     * Jupyter names its own process in JPY_PARENT_PID. If that process dies without shutting the kernel down (a
     * crashed server or test), the kernel exits too instead of running on, orphaned, with its ports open.
     */
    private static void exitWithParent(Logger log) {
        String parent = System.getenv("JPY_PARENT_PID");
        if (parent == null || !parent.matches("\\d+")) {
            return;
        }
        ProcessHandle.of(Long.parseLong(parent)).ifPresent(p -> p.onExit().thenRun(() -> {
            log.warn("Jupyter (pid {}) has gone; the kernel exits", parent);
            System.exit(0);
        }));
    }

    /** What a kernel loads at startup and on its first cells, for {@link ClassDataSharing}'s archive. */
    private static int trainForClassData() throws Exception {
        List<Path> classpath = Classpath.ofThisJvm();
        try (Session session = Session.start(classpath, DefaultImports.statements(), StandardMagics.create(),
                Session.DEFAULT_GRACE_MILLIS)) {
            DnasKernel kernel = new DnasKernel(CompletableFuture.completedFuture(session), new SessionHistory());
            ConnectionFile.check(new KernelConnectionProperties("127.0.0.1", 1, 2, 3, 4, 5, "tcp", "hmac-sha256", "key"));
            kernel.eval("int x = 6 * 7;\nx + 1");
            kernel.complete("Math.ma", 7);
            kernel.isComplete("for (int i = 0; i < 3; i++) {");
            kernel.formatError(new IllegalStateException("training"));
        }
        return 0;
    }

    /** The project's version, from the one source run records and result records use too. */
    static String version() {
        return ProjectVersion.get();
    }
}
