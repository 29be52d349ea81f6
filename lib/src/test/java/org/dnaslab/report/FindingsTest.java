package org.dnaslab.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FindingsTest {
    private static Finding finding(String id, double... values) {
        return FindingTest.finding(Claim.above(id, "claim " + id, "paper " + id, "effect", 0, "paper figure"), values);
    }

    @Test
    void findingsRoundTripThroughTheirDirectory(@TempDir Path dir) {
        Finding b = finding("02-b", 0.1, 0.2, 0.3);
        Finding a = finding("01-a", -0.1, -0.2, -0.3);
        Findings.save(b, dir);
        Findings.save(a, dir);
        assertEquals(List.of(a, b), Findings.load(dir), "ordered by claim id, values intact");
        assertTrue(Findings.has(dir, "01-a", "laptop"));
        assertFalse(Findings.has(dir, "01-a", "paper"));
        Findings.save(finding("01-a", 1, 2), dir);
        assertEquals(2, Findings.load(dir).size(), "a claim's new finding replaces the old one");
    }

    @Test
    void theReportHasEveryClaimAndItsVerdictAndTheLoaderSkipsIt(@TempDir Path dir) throws Exception {
        Findings.save(finding("01-a", 0.20, 0.21, 0.22), dir);
        Findings.save(finding("02-b", -0.20, -0.21, -0.22), dir);
        Path html = Findings.writeReport(dir);
        String page = Files.readString(html);
        assertTrue(page.contains("claim 01-a") && page.contains("claim 02-b"), page);
        assertTrue(page.contains(">reproduced<") && page.contains(">not reproduced at this budget<"), page);
        assertFalse(page.contains("<script"), "self-contained");
        assertTrue(Files.readString(dir.resolve("findings.json")).contains("\"verdict\" : \"reproduced\""));
        assertEquals(2, Findings.load(dir).size(), "findings.json is the report, not a finding");
        String table = Findings.table(Findings.load(dir));
        assertTrue(table.lines().count() == 3 && table.contains("01-a") && table.contains("5.0 min"), table);
    }

    @Test
    void aCorruptFindingIsNamed(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("03-c.json"), "{ \"claim\": ");
        var e = assertThrows(UncheckedIOException.class, () -> Findings.load(dir));
        assertTrue(e.getMessage().contains("03-c.json"), e.getMessage());
    }

    @Test
    void aMissingDirectoryHasNoFindings(@TempDir Path dir) {
        assertEquals(List.of(), Findings.load(dir.resolve("none")));
    }
}
