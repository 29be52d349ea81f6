package org.dnaslab.kernel.session;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DefaultImportsTest {

    private static InputStream classBytes(Class<?> c) {
        return c.getResourceAsStream("/" + c.getName().replace('.', '/') + ".class");
    }

    @Test
    void everyLibraryPackageWithPublicClassesIsImported() {
        List<String> statements = DefaultImports.statements();

        assertTrue(statements.contains("import org.dnaslab.space.*;"));
        assertTrue(statements.contains("import org.dnaslab.progress.*;"));
        assertTrue(statements.contains("import org.dnaslab.report.*;"));
        assertTrue(statements.contains("import java.util.*;"));
        assertTrue(statements.contains("import tech.tablesaw.api.*;"));
        assertEquals("import static org.dnaslab.kernel.display.Notebook.*;", statements.get(statements.size() - 1));
        assertFalse(statements.stream().anyMatch(s -> s.startsWith("import org.dnaslab.kernel.")));
    }

    @Test
    void readsTheAccessFlagsOfAClassFile() throws IOException {
        assertTrue(DefaultImports.isPublic(classBytes(DefaultImports.class)));
        assertFalse(DefaultImports.isPublic(classBytes(CellRunner.class)));
        assertFalse(DefaultImports.isPublic(new ByteArrayInputStream(new byte[]{1, 2, 3, 4})));
    }

    @Test
    void aLibraryNameThatClashesWithAStandardPackageGetsASingleTypeImport() {
        Map<String, Set<String>> library = Map.of(
                "org.dnaslab.data", Set.of("Path", "Split"),
                "org.dnaslab.other", Set.of("Split"));

        List<String> statements = DefaultImports.disambiguations(library, List.of("java.util", "java.nio.file"));

        // Path clashes with java.nio.file.Path; Split is ambiguous within the library and is left alone.
        assertEquals(List.of("import org.dnaslab.data.Path;"), statements);
    }
}
