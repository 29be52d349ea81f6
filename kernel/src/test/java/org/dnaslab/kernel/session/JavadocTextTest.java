package org.dnaslab.kernel.session;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JavadocTextTest {
    @Test
    void inlineTagsBecomeTheirTextAndParagraphsBecomeLines() {
        String doc = "Runs {@link #run} on {@code none} edges, see {@link DartsSearch#resume(Path) resume}.\n <p>Second &lt;b&gt;.";
        assertEquals("Runs run on none edges, see resume.\n\nSecond <b>.", JavadocText.plain(doc));
    }

    @Test
    void aQualifiedMemberReferenceReadsWithADot() {
        assertEquals("Integer.MAX_VALUE", JavadocText.plain("{@link Integer#MAX_VALUE}"));
    }
}
