package org.dnaslab.kernel.session;

import jdk.jshell.execution.DirectExecutionControl;

import java.lang.instrument.ClassDefinition;
import java.lang.instrument.UnmodifiableClassException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs JShell snippets in this JVM (so the library, the kernel and the cells share classes and statics) on a
 * dedicated cell thread, which makes them stoppable.
 *
 * <p>{@link #stop()} first interrupts the cell thread: library loops check {@link Thread#interrupted()} and end
 * cleanly at the next step. A cell that ignores the interrupt (a tight loop) is stopped hard after a grace period
 * with {@link Thread#stop()}, the only way to end code that never checks; the session survives it. Java 20 and later
 * no longer stop threads by force: there the cell is abandoned instead. It ends with an error that says it is still
 * running in the background, and later cells run on a fresh cell thread; only a restart ends the loop itself.
 */
final class CellRunner extends DirectExecutionControl {
    private static final long CELL_THREAD_STACK = 64L << 20;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final long graceMillis;
    private volatile ExecutorService cellExecutor = newCellExecutor();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dnaslab-cell-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final Object lock = new Object();
    private CompletableFuture<Object> running;
    private Thread cellThread;
    private volatile boolean stopRequested;

    private volatile Object lastValue;
    private volatile Throwable lastFailure;
    private volatile boolean redefineFailed;

    CellRunner(long graceMillis) {
        this.graceMillis = graceMillis;
    }

    private static ExecutorService newCellExecutor() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(null, r, "dnaslab-cell-" + THREADS.incrementAndGet(), CELL_THREAD_STACK);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        lastValue = null;
        lastFailure = null;
        // Completed by the cell thread when the snippet ends, or by the watchdog when it abandons the snippet.
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        synchronized (lock) {
            running = outcome;
        }
        cellExecutor.execute(() -> {
            synchronized (lock) {
                cellThread = Thread.currentThread();
            }
            try {
                Thread.interrupted(); // an interrupt meant for an earlier cell must not leak into this one
                if (stopRequested) {
                    throw new InvocationTargetException(new InterruptedException("interrupted before it started"));
                }
                outcome.complete(doitMethod.invoke(null));
            } catch (Throwable t) {
                outcome.completeExceptionally(t);
            } finally {
                synchronized (lock) {
                    if (cellThread == Thread.currentThread()) {
                        cellThread = null;
                    }
                }
            }
        });
        try {
            Object value = awaitUninterruptibly(outcome);
            lastValue = value;
            return valueString(value);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof InvocationTargetException ite ? ite.getCause() : e.getCause();
            lastFailure = cause;
            if (cause instanceof ThreadDeath) {
                throw new StoppedException();
            }
            // DirectExecutionControl turns this into the UserException JShell reports.
            throw new InvocationTargetException(cause);
        } finally {
            synchronized (lock) {
                running = null;
            }
        }
    }

    private static <T> T awaitUninterruptibly(Future<T> future) throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Interrupts the running snippet, then stops it hard if it is still running after the grace period. */
    @Override
    public void stop() {
        CompletableFuture<Object> target;
        synchronized (lock) {
            target = running;
            stopRequested = true;
            if (target == null) {
                return;
            }
            if (cellThread != null) {
                cellThread.interrupt();
            }
        }
        watchdog.schedule(() -> stopHard(target), graceMillis, TimeUnit.MILLISECONDS);
    }

    @SuppressWarnings({"removal", "deprecation"})
    private void stopHard(CompletableFuture<Object> target) {
        synchronized (lock) {
            // Only the snippet we were asked to stop, and only while it still runs.
            if (running != target || target.isDone() || cellThread == null) {
                return;
            }
            try {
                cellThread.stop();
            } catch (UnsupportedOperationException e) {
                abandon(target);
            }
        }
    }

    /**
     * Java 20+ removed {@link Thread#stop()}: the loop cannot be ended, so the cell is let go. Its thread runs on in
     * the background (a busy CPU) while the session continues on a fresh cell thread; a restart ends it.
     */
    private void abandon(CompletableFuture<Object> target) {
        Thread stuck = cellThread;
        cellThread = null;
        ExecutorService old = cellExecutor;
        cellExecutor = newCellExecutor();
        old.shutdown(); // its one thread ends if the loop ever does
        target.completeExceptionally(new CellStillRunningException(stuck.getName(), Runtime.version().feature()));
    }

    /**
     * Redefines recompiled wrapper classes in place, so the variables they hold survive a later import or a redeclared
     * method (see {@link ClassRedefinition}). A class whose shape changed cannot be redefined: JShell is told so and
     * loads a replacement class instead, as it does when redefinition is not supported at all.
     */
    @Override
    public void redefine(ClassBytecodes[] cbcs) throws ClassInstallException, NotImplementedException,
            EngineTerminationException {
        if (!ClassRedefinition.available()) {
            throw new NotImplementedException("redefine needs the kernel jar's agent (run with java -jar)");
        }
        ClassDefinition[] definitions = new ClassDefinition[cbcs.length];
        try {
            for (int i = 0; i < cbcs.length; i++) {
                definitions[i] = new ClassDefinition(findClass(cbcs[i].name()), cbcs[i].bytecodes());
            }
            ClassRedefinition.redefine(definitions);
        } catch (ClassNotFoundException | UnmodifiableClassException | RuntimeException | LinkageError e) {
            redefineFailed = true;
            throw new ClassInstallException("redefine: " + e, new boolean[cbcs.length]);
        }
        classesRedefined(cbcs);
    }

    /** Whether a redefinition was refused since the last call; JShell then replaced classes, resetting their fields. */
    boolean takeRedefineFailed() {
        boolean failed = redefineFailed;
        redefineFailed = false;
        return failed;
    }

    /** While set on a thread, {@link #varValue} records the wrapper class it was asked about instead of reading. */
    private final ThreadLocal<String[]> classCapture = new ThreadLocal<>();

    @Override
    public String varValue(String className, String varName) throws RunException, EngineTerminationException,
            InternalException {
        String[] capture = classCapture.get();
        if (capture != null) {
            capture[0] = className;
            return "";
        }
        return super.varValue(className, varName);
    }

    /** The wrapper class JShell keeps a variable in, learned by asking JShell for its value. */
    String classOf(jdk.jshell.JShell shell, jdk.jshell.VarSnippet variable) {
        String[] capture = new String[1];
        classCapture.set(capture);
        try {
            shell.varValue(variable);
        } catch (RuntimeException e) {
            return null; // not a variable with a value (yet)
        } finally {
            classCapture.remove();
        }
        return capture[0];
    }

    /** The object in a wrapper class's static field (a cell variable), or null. */
    Object fieldValue(String className, String field) {
        try {
            java.lang.reflect.Field f = findClass(className).getDeclaredField(field);
            f.setAccessible(true);
            return f.get(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** Drops the reference an overwritten variable's class still holds, so its old value can be collected. */
    void clearField(String className, String field) {
        try {
            java.lang.reflect.Field f = findClass(className).getDeclaredField(field);
            if (!f.getType().isPrimitive()) {
                f.setAccessible(true);
                f.set(null, null);
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // nothing held, or nothing we may clear
        }
    }

    /** Starts a new cell: forgets an earlier stop request. */
    void beginCell() {
        stopRequested = false;
    }

    boolean stopRequested() {
        return stopRequested;
    }

    /** The value the last snippet returned (null for statements and declarations). */
    Object lastValue() {
        return lastValue;
    }

    /** What the last snippet threw, as thrown (JShell only keeps its class name and stack trace). */
    Throwable lastFailure() {
        return lastFailure;
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        cellExecutor.shutdownNow();
        super.close();
    }
}
