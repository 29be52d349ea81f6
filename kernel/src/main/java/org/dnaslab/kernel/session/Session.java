package org.dnaslab.kernel.session;

import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One JShell session running in this JVM: evaluates cells (Java code and magics), completes, inspects, and stops a
 * running cell on request. Cells run one at a time; {@link #interrupt()} may be called from any thread.
 */
public final class Session implements AutoCloseable {
    /** How long an interrupted cell may take to notice before it is stopped hard. */
    public static final long DEFAULT_GRACE_MILLIS = 1000;

    private final JShell shell;
    private final CellRunnerProvider engine;
    private final Magics magics;
    private final List<Path> classpath = Collections.synchronizedList(new ArrayList<>());
    private final List<String> imports;
    /**
     * Each declared variable's snippet → the JShell wrapper class that holds its value. By identity: a redeclaration
     * can carry the id of the snippet it replaces.
     */
    private final Map<VarSnippet, String> variableClasses = java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

    private Session(JShell shell, CellRunnerProvider engine, Magics magics, List<String> imports) {
        this.shell = shell;
        this.engine = engine;
        this.magics = magics;
        this.imports = List.copyOf(imports);
    }

    /**
     * Starts a session with the given class path and runs the import statements. An import that does not compile is
     * reported on {@code System.err} and skipped: a notebook should still start.
     */
    public static Session start(List<Path> classpath, List<String> imports, Magics magics, long graceMillis) {
        return start(classpath, imports, magics, graceMillis, List.of());
    }

    /** As {@link #start(List, List, Magics, long)}, with extra options for JShell's compiler (e.g. {@code -parameters}). */
    public static Session start(List<Path> classpath, List<String> imports, Magics magics, long graceMillis,
                                List<String> compilerOptions) {
        CellRunnerProvider engine = new CellRunnerProvider(graceMillis);
        List<String> options = new ArrayList<>(List.of("-Xlint:-options"));
        options.addAll(compilerOptions);
        JShell shell = JShell.builder()
                .executionEngine(engine, Map.of())
                .compilerOptions(options.toArray(String[]::new))
                .build();
        Session session = new Session(shell, engine, magics, imports);
        LibrarySources.install(classpath);
        OverwrittenResources.watch(session::liveValues);
        session.addToClasspath(classpath);
        session.importAll(imports);
        return session;
    }

    /**
     * Every compile of a snippet costs tens of milliseconds at startup, so the imports go in as one snippet, which
     * JShell accepts. Should that ever be refused, they go in one by one and a bad one is reported and skipped.
     */
    private void importAll(List<String> statements) {
        if (statements.isEmpty()) {
            return;
        }
        List<SnippetEvent> together = shell.eval(String.join(" ", statements));
        if (!together.isEmpty() && together.stream().allMatch(e -> e.status() == Snippet.Status.VALID)) {
            return;
        }
        together.forEach(e -> shell.drop(e.snippet()));
        for (String statement : statements) {
            for (SnippetEvent e : shell.eval(statement)) {
                if (e.status() == Snippet.Status.REJECTED) {
                    System.err.println("dnaslab: skipped a default import that does not compile: " + statement);
                }
            }
        }
    }

    public Magics magics() {
        return magics;
    }

    /** The import statements the session started with. */
    public List<String> imports() {
        return imports;
    }

    /** Everything added to the session's class path, in order. */
    public List<Path> classpath() {
        synchronized (classpath) {
            return List.copyOf(classpath);
        }
    }

    /** Adds jars or class directories to both the compiler's and the running code's class path. */
    public void addToClasspath(List<Path> paths) {
        List<Path> fresh = new ArrayList<>();
        synchronized (classpath) {
            for (Path p : paths) {
                Path abs = p.toAbsolutePath().normalize();
                if (!classpath.contains(abs)) {
                    classpath.add(abs);
                    fresh.add(abs);
                }
            }
        }
        if (!fresh.isEmpty()) {
            shell.addToClasspath(Classpath.join(fresh));
        }
    }

    /**
     * Evaluates a cell and returns the value to show: the value of a final expression, or of a final magic, or null.
     *
     * @throws CompilationException      code that does not compile (nothing after it runs)
     * @throws CellInterruptedException  the cell was interrupted
     * @throws Exception                 what the cell threw, as thrown (an {@link Error} wrapped in an
     *                                   {@link EvaluationException})
     */
    public Object eval(String cell) throws Exception {
        engine.runner().beginCell();
        return evalNested(cell);
    }

    /** Evaluates code as part of the current cell, e.g. a loaded file or a timed body. */
    public Object evalNested(String cell) throws Exception {
        CellSource.CellMagicCall cellMagic = CellSource.cellMagic(cell);
        if (cellMagic != null) {
            return magics.cell(cellMagic.name()).run(this, cellMagic.argLine(), cellMagic.body());
        }
        Object last = null;
        for (CellSource.Part part : CellSource.parts(cell)) {
            checkInterrupt(null);
            last = part.magic()
                    ? magics.line(part.name()).run(this, part.argLine())
                    : evalCode(cell, part.code(), part.offset());
        }
        return last;
    }

    /** Asks the running cell to stop: see {@link CellRunner#stop()}. Callable from any thread. */
    public void interrupt() {
        engine.runner().stop();
    }

    private void checkInterrupt(Throwable whereItStopped) {
        if (engine.runner().stopRequested()) {
            throw new CellInterruptedException(whereItStopped);
        }
    }

    private Object evalCode(String cell, String code, int offset) throws Exception {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String rest = code;
        int consumed = 0;
        Object last = null;
        while (!rest.isBlank()) {
            CompletionInfo info = analysis.analyzeCompletion(rest);
            if (info.completeness() == Completeness.EMPTY) {
                break;
            }
            String source;
            int length;
            if (info.completeness().isComplete() && info.source() != null) {
                source = info.source();
                length = rest.length() - info.remaining().length();
            } else {
                // Incomplete or unparsable: hand it all to the compiler, which says precisely what is wrong.
                source = rest;
                length = rest.length();
            }
            // Like IPython, a final semicolon keeps an expression's value from being shown: `list.add(x);`.
            boolean silenced = rest.substring(0, length).strip().endsWith(";");
            Object value = evalSnippet(source, cell, offset + consumed);
            last = silenced ? null : value;
            consumed += length;
            rest = rest.substring(length);
        }
        return last;
    }

    private Object evalSnippet(String source, String cell, int cellOffset) throws Exception {
        checkInterrupt(null);
        CellRunner runner = engine.runner();
        Map<VarSnippet, Object> openBefore = openLibraryObjects(runner);
        List<SnippetEvent> events = shell.eval(source);
        if (runner.takeRedefineFailed()) {
            warnAboutReplacedVariables(events);
        }
        releaseOverwritten(events, runner, openBefore);
        Object value = null;
        for (SnippetEvent e : events) {
            if (e.causeSnippet() != null) {
                continue; // knock-on updates of other snippets
            }
            Snippet snippet = e.snippet();
            if (e.status() == Snippet.Status.REJECTED) {
                throw CompilationErrors.of(shell, snippet, cell, cellOffset);
            }
            if (e.exception() != null) {
                checkInterrupt(runner.lastFailure());
                throw runtimeError(e.exception(), runner.lastFailure());
            }
            checkInterrupt(null);
            if (e.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED || e.status() == Snippet.Status.RECOVERABLE_DEFINED) {
                System.err.println("note: " + describe(snippet) + " cannot be used until "
                        + String.join(", ", shell.unresolvedDependencies((jdk.jshell.DeclarationSnippet) snippet).toList())
                        + " is declared");
            }
            value = isExpression(snippet) ? runner.lastValue() : null;
        }
        return value;
    }

    /**
     * JShell recompiled earlier declarations and their classes could not be redefined in place (their shape changed),
     * so it loaded new ones: the variables among them start again from null or zero. Say so instead of leaving a
     * silent null for a later cell to trip over.
     */
    private static void warnAboutReplacedVariables(List<SnippetEvent> events) {
        List<String> names = events.stream()
                .filter(e -> e.causeSnippet() != null && e.snippet() instanceof VarSnippet && e.status().isActive())
                .map(e -> ((VarSnippet) e.snippet()).name())
                .distinct().toList();
        if (!names.isEmpty()) {
            System.err.println("note: this cell changed what " + String.join(", ", names) + " depend"
                    + (names.size() == 1 ? "s" : "") + " on; JShell had to replace "
                    + (names.size() == 1 ? "it" : "them") + " and could not keep the value: run the defining cell again");
        }
    }

    /** Open library objects held by declared variables, by snippet id: what a declaration may be about to overwrite. */
    private Map<VarSnippet, Object> openLibraryObjects(CellRunner runner) {
        Map<VarSnippet, Object> open = new java.util.IdentityHashMap<>();
        synchronized (variableClasses) {
            variableClasses.forEach((v, className) -> {
                Object value = runner.fieldValue(className, v.name());
                if (value != null && OverwrittenResources.tracked(value)) {
                    open.put(v, value);
                }
            });
        }
        return open;
    }

    /**
     * Keeps track of which class holds each declared variable. When a declaration is overwritten (a re-run cell
     * declares the same name again), the old value must not stay reachable: if JShell gave the new declaration a new
     * class, the old class's field is cleared (if it redefined the same class in place, the new value already
     * replaced the old). A library object that still holds native memory is reported and kept for
     * {@code closeOverwritten()} ({@link OverwrittenResources}).
     */
    private void releaseOverwritten(List<SnippetEvent> events, CellRunner runner, Map<VarSnippet, Object> openBefore) {
        Map<VarSnippet, String> overwritten = new java.util.IdentityHashMap<>();
        for (SnippetEvent e : events) {
            if (e.snippet() instanceof VarSnippet v && e.status() == Snippet.Status.OVERWRITTEN && e.previousStatus().isActive()) {
                overwritten.put(v, variableClasses.get(v));
            }
        }
        for (SnippetEvent e : events) {
            if (e.snippet() instanceof VarSnippet v && e.status() == Snippet.Status.VALID
                    && v.subKind() != Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
                String className = runner.classOf(shell, v);
                if (className != null) {
                    variableClasses.put(v, className);
                }
            }
        }
        if (overwritten.isEmpty()) {
            return;
        }
        overwritten.keySet().stream().filter(v -> !shell.status(v).isActive()).forEach(variableClasses::remove);
        java.util.Set<String> current;
        synchronized (variableClasses) {
            current = new java.util.HashSet<>(variableClasses.values());
        }
        Map<Object, Boolean> live = new java.util.IdentityHashMap<>();
        liveValues().forEach(value -> live.put(value, true));
        overwritten.forEach((v, className) -> {
            if (className != null && !current.contains(className)) {
                runner.clearField(className, v.name());
            }
            Object old = openBefore.get(v);
            if (old != null && !live.containsKey(old) && OverwrittenResources.tracked(old)) {
                System.err.println(OverwrittenResources.overwritten(v.name(), old));
            }
        });
    }

    /** The values of the session's live, declared variables (for {@link OverwrittenResources}). */
    private List<Object> liveValues() {
        CellRunner runner = engine.runner();
        List<Object> values = new ArrayList<>();
        shell.variables().filter(v -> shell.status(v).isActive()).forEach(v -> {
            String className = variableClasses.get(v);
            Object value = className == null ? null : runner.fieldValue(className, v.name());
            if (value != null) {
                values.add(value);
            }
        });
        return values;
    }

    private static boolean isExpression(Snippet s) {
        if (s instanceof ExpressionSnippet es) {
            return !"void".equals(es.typeName());
        }
        return s instanceof VarSnippet v && v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
    }

    private static String describe(Snippet s) {
        return s instanceof jdk.jshell.DeclarationSnippet d ? d.kind().name().toLowerCase(Locale.ROOT).replace("_", " ")
                + " " + d.name() : "this code";
    }

    private Exception runtimeError(JShellException e, Throwable original) {
        if (e instanceof UnresolvedReferenceException ure) {
            return new IllegalStateException(describe(ure.getSnippet()) + " cannot be used until "
                    + String.join(", ", shell.unresolvedDependencies(ure.getSnippet()).toList()) + " is declared");
        }
        if (original instanceof Exception ex) {
            return ex;
        }
        if (original != null) {
            return new EvaluationException(original.toString(), original);
        }
        String name = e instanceof EvalException ee ? ee.getExceptionClassName() : e.getClass().getName();
        EvaluationException wrapped = new EvaluationException(name + (e.getMessage() == null ? "" : ": " + e.getMessage()), null);
        wrapped.setStackTrace(e.getStackTrace());
        return wrapped;
    }

    /** Completion candidates for the code before {@code cursor}, and the range they replace. */
    public record Completion(List<String> matches, int start, int end) {
    }

    public Completion complete(String code, int cursor) {
        cursor = Math.max(0, Math.min(cursor, code.length()));
        Completion magic = completeMagicName(code, cursor);
        if (magic != null) {
            return magic;
        }
        String masked = CellSource.maskMagics(code);
        int start = snippetStart(masked, cursor);
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions =
                shell.sourceCodeAnalysis().completionSuggestions(masked.substring(start, cursor), cursor - start, anchor);
        Set<String> typed = new LinkedHashSet<>();
        Set<String> others = new LinkedHashSet<>();
        for (SourceCodeAnalysis.Suggestion s : suggestions) {
            (s.matchesType() ? typed : others).add(s.continuation());
        }
        typed.addAll(others);
        return new Completion(new ArrayList<>(typed), start + anchor[0], cursor);
    }

    private static final Pattern MAGIC_NAME_PREFIX = Pattern.compile("[ \\t]*(%%?)([\\w.-]*)");

    /**
     * Magic names, when the cursor is in one: {@code %ls} completes to {@code %lsmagic}; {@code %%} (cell magics) only
     * on the cell's first line, where a cell magic must stand. Null when the cursor is not in a magic's name.
     */
    private Completion completeMagicName(String code, int cursor) {
        int lineStart = code.lastIndexOf('\n', cursor - 1) + 1;
        Matcher m = MAGIC_NAME_PREFIX.matcher(code.substring(lineStart, cursor));
        if (!m.matches()) {
            return null;
        }
        boolean cellMagic = m.group(1).length() == 2;
        if (cellMagic && !code.substring(0, lineStart).isBlank()) {
            return new Completion(List.of(), cursor, cursor);
        }
        String prefix = m.group(1);
        List<String> matches = new ArrayList<>();
        for (String name : cellMagic ? magics.cellNames() : magics.lineNames()) {
            if (name.startsWith(m.group(2))) {
                matches.add(prefix + name);
            }
        }
        if (!cellMagic && m.group(2).isEmpty() && code.substring(0, lineStart).isBlank()) {
            magics.cellNames().forEach(n -> matches.add("%%" + n));
        }
        return new Completion(matches, lineStart + m.start(1), cursor);
    }

    /** Where the snippet that contains {@code cursor} starts. */
    private int snippetStart(String code, int cursor) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        int start = 0;
        while (start < cursor) {
            CompletionInfo info = analysis.analyzeCompletion(code.substring(start, cursor));
            if (!info.completeness().isComplete() || info.remaining().isBlank()) {
                break;
            }
            start = cursor - info.remaining().length();
        }
        return start;
    }

    /**
     * What is known about the name at {@code cursor}: signatures (with Javadoc where the JDK's sources are
     * installed), or a variable's type and value. Null when nothing is known.
     */
    public String inspect(String code, int cursor) {
        cursor = Math.max(0, Math.min(cursor, code.length()));
        String masked = CellSource.maskMagics(code);
        return new Inspection(shell).describe(masked, snippetStart(masked, cursor), cursor);
    }

    /** Jupyter's is_complete answer: "complete", "incomplete" (with an indent to continue with) or "invalid". */
    public record CodeStatus(String status, String indent) {
    }

    public CodeStatus isComplete(String code) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String rest = CellSource.maskMagics(code);
        while (!rest.isBlank()) {
            CompletionInfo info = analysis.analyzeCompletion(rest);
            switch (info.completeness()) {
                case EMPTY:
                    return new CodeStatus("complete", "");
                case DEFINITELY_INCOMPLETE:
                case CONSIDERED_INCOMPLETE:
                    return new CodeStatus("incomplete", indentAfter(rest));
                case UNKNOWN:
                    return new CodeStatus("invalid", "");
                default:
                    rest = info.remaining();
            }
        }
        return new CodeStatus("complete", "");
    }

    private static String indentAfter(String code) {
        int depth = 0;
        for (char c : code.toCharArray()) {
            if (c == '{' || c == '(') {
                depth++;
            } else if ((c == '}' || c == ')') && depth > 0) {
                depth--;
            }
        }
        return "    ".repeat(Math.max(depth, 0));
    }

    @Override
    public void close() {
        shell.close();
    }
}
