package org.dnaslab.kernel.session;

import java.lang.instrument.ClassDefinition;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;

/**
 * In-place redefinition of JShell's wrapper classes, the way the {@code jshell} tool does it through JDI. When a later
 * cell adds an import or redeclares a method, JShell recompiles earlier snippets; if their classes can be redefined in
 * place, their static fields (the cells' variables) keep their values. Without this, JShell loads replacement classes
 * whose fields start at null or zero: the "variables reset" trap of other JShell kernels.
 *
 * <p>The kernel jar names this class as its {@code Launcher-Agent-Class}, so {@code java -jar} hands it the JVM's
 * {@link Instrumentation} before {@code main}. Elsewhere (unit tests, a plain class path) it is absent and JShell falls
 * back to replacement classes.
 */
public final class ClassRedefinition {
    private static volatile Instrumentation instrumentation;

    private ClassRedefinition() {
    }

    /** Called by the JVM for the {@code Launcher-Agent-Class} of an executable jar. */
    public static void agentmain(String args, Instrumentation inst) {
        instrumentation = inst;
    }

    /** Same, for {@code -javaagent:dnaslab-kernel.jar}. */
    public static void premain(String args, Instrumentation inst) {
        instrumentation = inst;
    }

    static boolean available() {
        Instrumentation inst = instrumentation;
        return inst != null && inst.isRedefineClassesSupported();
    }

    /**
     * Redefines loaded classes in place. Fails (and changes nothing) when the new bytecode changes a class's shape:
     * added or removed fields or methods, other signatures. JShell then replaces those classes instead.
     */
    static void redefine(ClassDefinition... definitions) throws UnmodifiableClassException, ClassNotFoundException {
        instrumentation.redefineClasses(definitions);
    }
}
