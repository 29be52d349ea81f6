package org.dnaslab.kernel.session;

import jdk.jshell.execution.DirectExecutionControl;

import java.lang.instrument.ClassDefinition;
import java.lang.instrument.UnmodifiableClassException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
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
 * with {@link Thread#stop()}, the only way to end code that never checks; the session survives it.
 */
final class CellRunner extends DirectExecutionControl {
    private static final long CELL_THREAD_STACK = 64L << 20;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final long graceMillis;
    private final ExecutorService cellExecutor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(null, r, "dnaslab-cell-" + THREADS.incrementAndGet(), CELL_THREAD_STACK);
        t.setDaemon(true);
        return t;
    });
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dnaslab-cell-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final Object lock = new Object();
    private Future<?> running;
    private Thread cellThread;
    private volatile boolean stopRequested;

    private volatile Object lastValue;
    private volatile Throwable lastFailure;
    private volatile boolean redefineFailed;

    CellRunner(long graceMillis) {
        this.graceMillis = graceMillis;
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        lastValue = null;
        lastFailure = null;
        Future<Object> future = cellExecutor.submit(() -> {
            synchronized (lock) {
                cellThread = Thread.currentThread();
            }
            try {
                Thread.interrupted(); // an interrupt meant for an earlier cell must not leak into this one
                if (stopRequested) {
                    throw new InvocationTargetException(new InterruptedException("interrupted before it started"));
                }
                return doitMethod.invoke(null);
            } finally {
                synchronized (lock) {
                    cellThread = null;
                }
            }
        });
        synchronized (lock) {
            running = future;
        }
        try {
            Object value = awaitUninterruptibly(future);
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
        Future<?> target;
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
    private void stopHard(Future<?> target) {
        synchronized (lock) {
            // Only the snippet we were asked to stop, and only while it still runs.
            if (running != target || target.isDone() || cellThread == null) {
                return;
            }
            try {
                cellThread.stop();
            } catch (UnsupportedOperationException e) {
                // Java 20+ removed Thread.stop: such a loop can only be ended by restarting the kernel.
                System.err.println("This cell ignores interrupts and this Java version cannot stop it; restart the kernel.");
            }
        }
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
