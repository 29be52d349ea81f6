package org.dnaslab.kernel.session;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CellSourceTest {

    @Test
    void lineMagicsSplitACellIntoCodeAndMagicsInOrder() {
        List<CellSource.Part> parts = CellSource.parts("int a = 1;\n%jars lib/*.jar\n  %time a + 1\nint b = a;");

        assertEquals(4, parts.size());
        assertFalse(parts.get(0).magic());
        assertEquals("int a = 1;\n", parts.get(0).code());
        assertTrue(parts.get(1).magic());
        assertEquals("jars", parts.get(1).name());
        assertEquals("lib/*.jar", parts.get(1).argLine());
        assertEquals("time", parts.get(2).name());
        assertEquals("a + 1", parts.get(2).argLine());
        assertEquals("\nint b = a;", parts.get(3).code());
    }

    @Test
    void aModuloAtTheStartOfALineIsNotAMagicWhenSpaced() {
        List<CellSource.Part> parts = CellSource.parts("int r = 7\n  % 3;");
        assertEquals(1, parts.size());
        assertFalse(parts.get(0).magic());
    }

    @Test
    void aCellMagicTakesTheWholeCell() {
        CellSource.CellMagicCall call = CellSource.cellMagic("%%time -v\nint x = 1;\nx");
        assertEquals("time", call.name());
        assertEquals("-v", call.argLine());
        assertEquals("int x = 1;\nx", call.body());
        assertNull(CellSource.cellMagic("int x = 1;\n%%time"));
    }

    @Test
    void maskingKeepsOffsetsOfTheCode() {
        String cell = "%jars a.jar\nMath.ma";
        String masked = CellSource.maskMagics(cell);
        assertEquals(cell.length(), masked.length());
        assertTrue(masked.startsWith("           \n"));
        assertTrue(masked.endsWith("Math.ma"));
    }

    @Test
    void argumentsSplitLikeAShell() {
        assertEquals(List.of("a b", "c", "d'e", "f"), CellSource.splitArgs("\"a b\" c d\\'e   f"));
        assertEquals(List.of("", "x"), CellSource.splitArgs("'' x"));
    }
}
