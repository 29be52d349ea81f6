package org.dnaslab.space;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one text form of an architecture ({@link Architecture#toText()}, {@link Architecture#parse}) and its op shares. */
class ArchitectureTextTest {

    @Test
    void everySpaceReadsBackTheTextItWrites() {
        for (String name : SearchSpace.names()) {
            SearchSpace space = SearchSpace.byName(name);
            for (int seed = 0; seed < 20; seed++) {
                Architecture a = Architecture.sample(space, new SplittableRandom(seed));
                String text = a.toText();
                assertEquals(a, Architecture.parse(space, text), name + " seed " + seed + ": " + text);
                assertEquals(space.name() + " " + text, a.toString());
            }
        }
    }

    @Test
    void theSpaceChoosesTheForm() {
        Architecture nb = Architecture.sample(SearchSpace.nb201(), new SplittableRandom(1));
        assertEquals(nb.toNb201String(), nb.toText());
        assertTrue(nb.toText().startsWith("|"), nb.toText());
        for (String name : new String[] {"darts", "s1", "s2", "s3", "s4"}) {
            Architecture a = Architecture.sample(SearchSpace.byName(name), new SplittableRandom(1));
            assertEquals(a.toGenotypeString(), a.toText(), name);
            assertTrue(a.toText().startsWith("Genotype(normal=["), a.toText());
        }
    }

    @Test
    void textIsCheckedAgainstTheSpaceItIsReadIn() {
        String darts = Architecture.sample(SearchSpace.darts(), new SplittableRandom(3)).toText();
        // s2 offers only skip_connect and sep_conv_3x3, so a sampled darts genotype with other ops is refused
        String s2 = "[('dil_conv_5x5', 0), ('skip_connect', 1), ('skip_connect', 0), ('skip_connect', 1),"
                + " ('skip_connect', 0), ('skip_connect', 1), ('skip_connect', 0), ('skip_connect', 1)]";
        var e = assertThrows(IllegalArgumentException.class, () -> Architecture.parse(SearchSpace.s2(), s2));
        assertTrue(e.getMessage().contains("dil_conv_5x5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Architecture.parse(SearchSpace.nb201(), darts));
        String nb = Architecture.sample(SearchSpace.nb201(), new SplittableRandom(3)).toText();
        assertThrows(IllegalArgumentException.class, () -> Architecture.parse(SearchSpace.darts(), nb));
    }

    @Test
    void sharesCountKeptEdgesOnly() {
        Architecture nb = Architecture.parseNb201(
                "|skip_connect~0|+|none~0|avg_pool_3x3~1|+|nor_conv_3x3~0|nor_conv_1x1~1|skip_connect~2|");
        assertEquals(4 / 6.0, nb.parameterFreeShare(), 1e-12);
        assertEquals(2 / 6.0, nb.skipShare(), 1e-12);
        assertEquals(1 / 6.0, nb.share("nor_conv_3x3"::equals), 1e-12);
        Architecture darts = Architecture.parseGenotype("Genotype(normal=[('skip_connect', 0), ('sep_conv_3x3', 1),"
                + " ('skip_connect', 0), ('max_pool_3x3', 1), ('sep_conv_3x3', 0), ('sep_conv_3x3', 1),"
                + " ('dil_conv_3x3', 0), ('sep_conv_5x5', 2)], reduce=[('max_pool_3x3', 0), ('max_pool_3x3', 1),"
                + " ('skip_connect', 2), ('max_pool_3x3', 0), ('max_pool_3x3', 0), ('skip_connect', 2),"
                + " ('skip_connect', 2), ('avg_pool_3x3', 0)])");
        // normal: 3 of 8 kept edges are parameter-free; reduce: all 8; dropped edges (op none) do not count
        assertEquals(11 / 16.0, darts.parameterFreeShare(), 1e-12);
        assertEquals(5 / 16.0, darts.skipShare(), 1e-12);
        Architecture s4 = Architecture.parse(SearchSpace.s4(), "[('noise', 0), ('sep_conv_3x3', 1), ('noise', 0),"
                + " ('noise', 1), ('sep_conv_3x3', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 0), ('sep_conv_3x3', 2)]");
        assertEquals(6 / 16.0, s4.parameterFreeShare(), 1e-12, "noise has no weights");
        assertEquals(0.0, s4.skipShare(), 1e-12);
    }
}
