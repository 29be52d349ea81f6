package org.dnaslab.kernel.session;

import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.VarSnippet;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Shift-tab help for the name under the cursor: JShell's documentation (signatures with their Javadoc, from the
 * sources {@link LibrarySources} points it to), else a session variable's type and value.
 */
final class Inspection {
    private final JShell shell;

    Inspection(JShell shell) {
        this.shell = shell;
    }

    String describe(String code, int snippetStart, int cursor) {
        int end = identifierEnd(code, cursor);
        String snippet = code.substring(snippetStart, end);
        int at = end - snippetStart;
        Set<String> parts = new LinkedHashSet<>();
        docs(snippet, at, parts);
        if (parts.isEmpty()) {
            // The cursor sits on a method name without its parenthesis: ask as if the call had started.
            docs(snippet + "(", at + 1, parts);
        }
        if (parts.isEmpty()) {
            String name = code.substring(identifierStart(code, end), end);
            for (VarSnippet v : shell.variables().toList()) {
                if (v.name().equals(name)) {
                    parts.add(v.typeName() + " " + v.name() + " = " + shell.varValue(v));
                }
            }
        }
        return parts.isEmpty() ? null : String.join("\n\n", new ArrayList<>(parts));
    }

    private void docs(String code, int cursor, Set<String> out) {
        List<SourceCodeAnalysis.Documentation> docs;
        try {
            docs = shell.sourceCodeAnalysis().documentation(code, cursor, true);
        } catch (RuntimeException e) {
            return; // the analysis gives up on some broken code; there is simply nothing to show
        }
        for (SourceCodeAnalysis.Documentation d : docs) {
            String javadoc = d.javadoc();
            out.add(javadoc == null || javadoc.isBlank() ? d.signature() : d.signature() + "\n" + JavadocText.plain(javadoc));
        }
    }

    private static int identifierEnd(String code, int cursor) {
        int i = Math.min(cursor, code.length());
        while (i < code.length() && Character.isJavaIdentifierPart(code.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int identifierStart(String code, int end) {
        int i = end;
        while (i > 0 && Character.isJavaIdentifierPart(code.charAt(i - 1))) {
            i--;
        }
        return i;
    }
}
