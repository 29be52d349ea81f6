package org.dnaslab.kernel.session;

import ai.djl.ndarray.NDManager;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Library objects that hold native memory ({@link AutoCloseable} classes of {@code org.dnaslab}: a search, a supernet,
 * a snapshot) whose variable a later cell declared again. JShell keeps the previous declaration's value reachable, so
 * without this their memory would stay allocated, out of the user's reach, until the kernel restarts.
 *
 * <p>They are not closed automatically: another variable, or an object built from them (a selection context holds
 * its search), may still use them, and the kernel cannot see every such reference; a closed search would then fail
 * in a later, unrelated cell. Instead the cell that overwrote one says so, and {@link #closeAll()} (in a cell:
 * {@code closeOverwritten()}) closes those no live variable still holds.
 */
public final class OverwrittenResources {
    private static final String LIBRARY_PREFIX = "org.dnaslab.";

    /** One overwritten object and the variable that held it. */
    private record Entry(String variable, Object resource) {
    }

    private static final List<Entry> pending = new ArrayList<>();
    private static volatile Supplier<List<Object>> liveValues = List::of;

    private OverwrittenResources() {
    }

    /** The session's current variable values, consulted so an object still in use is not closed. */
    static void watch(Supplier<List<Object>> values) {
        liveValues = values;
    }

    /** Whether {@code value} is a library object that owns native memory and is still open. */
    static boolean tracked(Object value) {
        return value instanceof AutoCloseable && value.getClass().getName().startsWith(LIBRARY_PREFIX)
                && !value.getClass().getName().startsWith("org.dnaslab.kernel.") && isOpen(value);
    }

    /** Keeps an overwritten object for {@link #closeAll()}; returns the note the cell shows. */
    static synchronized String overwritten(String variable, Object resource) {
        pending.add(new Entry(variable, resource));
        return "note: " + variable + " was declared again; the " + resource.getClass().getSimpleName()
                + " it held before is still open and holds native memory. Call closeOverwritten() to close it"
                + " (or close it before running the declaring cell again).";
    }

    /**
     * Closes the overwritten library objects that no live variable holds; keeps the others for a later call.
     *
     * @return how many were closed
     */
    public static synchronized int closeAll() {
        Map<Object, Boolean> live = new IdentityHashMap<>();
        liveValues.get().forEach(v -> live.put(v, true));
        List<Entry> kept = new ArrayList<>();
        List<String> closed = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        Map<Object, Boolean> done = new IdentityHashMap<>();
        for (Entry e : pending) {
            if (live.containsKey(e.resource())) {
                kept.add(e);
                continue;
            }
            if (done.put(e.resource(), true) != null) {
                continue;
            }
            try {
                ((AutoCloseable) e.resource()).close();
                closed.add(e.resource().getClass().getSimpleName() + " (was " + e.variable() + ")");
            } catch (Exception ex) {
                failures.add(ex);
            }
        }
        pending.clear();
        pending.addAll(kept);
        System.out.println(closed.isEmpty() ? "closeOverwritten: nothing to close"
                : "closeOverwritten: closed " + String.join(", ", closed));
        if (!kept.isEmpty()) {
            System.out.println("closeOverwritten: kept " + kept.size() + " still held by a live variable");
        }
        if (!failures.isEmpty()) {
            IllegalStateException e = new IllegalStateException("closeOverwritten: " + failures.size() + " failed to close");
            failures.forEach(e::addSuppressed);
            throw e;
        }
        return closed.size();
    }

    /** How many overwritten objects wait to be closed. */
    public static synchronized int pending() {
        return pending.size();
    }

    /**
     * Whether a library object is still open: its own {@code isOpen()}/{@code isClosed()} if it has one, else the
     * state of the DJL {@link NDManager} it owns; unknown counts as open.
     */
    static boolean isOpen(Object o) {
        for (String name : List.of("isOpen", "isClosed")) {
            try {
                Method m = o.getClass().getMethod(name);
                if (m.getReturnType() == boolean.class) {
                    return (boolean) m.invoke(o) == name.equals("isOpen");
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // not there: look further
            }
        }
        for (Class<?> c = o.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && NDManager.class.isAssignableFrom(f.getType())) {
                    try {
                        f.setAccessible(true);
                        NDManager manager = (NDManager) f.get(o);
                        return manager != null && manager.isOpen();
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        return true;
                    }
                }
            }
        }
        return true;
    }
}
