package org.dnaslab.report;

import org.dnaslab.data.FashionMnist;
import org.dnaslab.store.AtomicFiles;
import org.dnaslab.store.Json;
import org.dnaslab.store.Machine;
import org.dnaslab.store.ProjectVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The findings of a series of notebooks, one JSON file per claim and budget, and the report made of them
 * ({@code findings.json} and a self-contained {@code findings.html}). Each file is written atomically, so a series
 * interrupted half-way keeps what it finished; {@code ./lab reproduce} runs only the notebooks whose findings are
 * missing at the budget asked for.
 *
 * <p>Findings live in {@code <directory>/<budget>/<claim id>.json}, so a quick run (the tests) never replaces a
 * laptop one. The directory is {@code -Ddnaslab.findings} or {@code $DNASLAB_FINDINGS}, else {@code build/findings}
 * in the repository ({@link FashionMnist#repository()}), else {@code build/findings} under the working directory.
 */
public final class Findings {
    /** The system property that names the findings directory (it wins over {@link #DIRECTORY_ENV}). */
    public static final String DIRECTORY_PROPERTY = "dnaslab.findings";
    /** The environment variable that names the findings directory. */
    public static final String DIRECTORY_ENV = "DNASLAB_FINDINGS";
    static final String REPORT_JSON = "findings.json";
    static final String REPORT_HTML = "findings.html";

    private Findings() {
    }

    /** Where findings are kept (see the class comment). */
    public static Path directory() {
        String set = System.getProperty(DIRECTORY_PROPERTY);
        if (set == null || set.isBlank()) {
            set = System.getenv(DIRECTORY_ENV);
        }
        if (set != null && !set.isBlank()) {
            return Path.of(set);
        }
        Path root = FashionMnist.repository().orElse(Path.of(System.getProperty("user.dir")));
        return root.resolve("build").resolve("findings");
    }

    /**
     * Saves a finding in its budget's folder of {@link #directory()}, replacing an earlier one of the same claim and
     * budget; returns the file.
     */
    public static Path save(Finding finding) {
        return save(finding, directory().resolve(finding.budget()));
    }

    /** Saves a finding as {@code DIR/<claim id>.json}, atomically. */
    public static Path save(Finding finding, Path dir) {
        Path file = dir.resolve(finding.claim().id() + ".json");
        Json.write(file, finding);
        return file;
    }

    /**
     * Every finding saved in {@code dir}, ordered by claim id; the report files themselves are skipped.
     *
     * @throws UncheckedIOException naming the file that is not a finding
     */
    public static List<Finding> load(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Finding> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(Findings::isFindingFile).sorted().toList()) {
                Finding finding = Json.read(f, Finding.class);
                if (finding.claim() == null) {
                    throw new UncheckedIOException(new IOException(f + " is not a finding: it has no claim"));
                }
                found.add(finding);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the findings in " + dir, e);
        } catch (IllegalArgumentException e) {
            throw new UncheckedIOException(new IOException("a finding in " + dir + " is invalid: " + e.getMessage(), e));
        }
        found.sort(Comparator.comparing(f -> f.claim().id()));
        return found;
    }

    private static boolean isFindingFile(Path f) {
        String name = f.getFileName().toString();
        return name.endsWith(".json") && !name.equals(REPORT_JSON) && !name.startsWith(".");
    }

    /** The saved finding of a claim at a budget, if any (what {@code ./lab reproduce} skips). */
    public static boolean has(Path dir, String claimId, String budget) {
        return load(dir).stream().anyMatch(f -> f.claim().id().equals(claimId) && f.budget().equals(budget));
    }

    /** Writes {@code findings.json} and {@code findings.html} next to the findings of {@code dir}; returns the HTML. */
    public static Path writeReport(Path dir) {
        return writeReport(dir, dir);
    }

    /** Writes the report of the findings in {@code dir} as {@code out/findings.json} and {@code out/findings.html}. */
    public static Path writeReport(Path dir, Path out) {
        List<Finding> findings = load(dir);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("version", ProjectVersion.get());
        report.put("date", LocalDate.now().toString());
        report.put("machine", Machine.describe());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Finding f : findings) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("finding", f);
            row.put("mean", f.mean());
            row.put("low", f.low());
            row.put("high", f.high());
            row.put("verdict", f.verdict().label());
            rows.add(row);
        }
        report.put("findings", rows);
        Json.write(out.resolve(REPORT_JSON), report);
        Path html = out.resolve(REPORT_HTML);
        AtomicFiles.writeString(html, html(findings));
        return html;
    }

    /** The findings as a page that needs nothing else: one row per claim. */
    static String html(List<Finding> findings) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                + "<title>DNAS Lab findings</title><style>body{font-family:sans-serif;margin:2em}"
                + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top}"
                + "th{background:#f4f4f4}</style></head><body>\n<h1>DNAS Lab findings</h1>\n<p>")
                .append(Html.escape("DNAS Lab " + ProjectVersion.get() + ", " + LocalDate.now() + ", "
                        + Machine.describe()))
                .append("</p>\n<table><tr><th>claim</th><th>source</th><th>paper</th><th>ours</th><th>verdict</th>"
                        + "<th>seeds</th><th>budget</th><th>time</th></tr>\n");
        for (Finding f : findings) {
            b.append("<tr><td>").append(Html.escape(f.claim().statement())).append("</td><td>")
                    .append(Html.escape(f.claim().source())).append("</td><td>")
                    .append(Html.escape(f.claim().paper())).append("</td><td>")
                    .append(Html.escape(f.claim().effect() + " = " + f.measured())).append("</td><td style=\"color:")
                    .append(Finding.colour(f.verdict())).append(";font-weight:bold\">")
                    .append(Html.escape(f.verdict().label())).append("</td><td>").append(f.seeds().size())
                    .append("</td><td>").append(Html.escape(f.budget())).append("</td><td>")
                    .append(Html.escape(minutes(f.seconds()))).append("</td></tr>\n");
        }
        return b.append("</table>\n</body></html>\n").toString();
    }

    /** The findings as a terminal table: claim id, ours, verdict, seeds, budget, time. */
    public static String table(List<Finding> findings) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"claim", "ours (mean [95 % interval])", "verdict", "seeds", "budget", "time"});
        for (Finding f : findings) {
            rows.add(new String[] {f.claim().id(), f.claim().effect() + " = " + f.measured(), f.verdict().label(),
                    String.valueOf(f.seeds().size()), f.budget(), minutes(f.seconds())});
        }
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                b.append(i == 0 ? "" : "  ").append(String.format("%-" + width[i] + "s", r[i]));
            }
            b.append(System.lineSeparator());
        }
        return b.toString();
    }

    static String minutes(double seconds) {
        return seconds < 90 ? Math.round(seconds) + " s" : String.format(java.util.Locale.ROOT, "%.1f min", seconds / 60);
    }
}
