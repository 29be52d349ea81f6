package org.dnaslab.evaluate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.dnaslab.space.Architecture;
import org.dnaslab.space.Nb201Canonical;
import org.dnaslab.store.Json;

/**
 * Reads and writes the CSV form of a {@link GroundTruth} table (described there). Reading is strict: every problem
 * names the file, the line and the field, since a table that silently drops a row would bias every lookup.
 */
final class GroundTruthCsv {
    private static final String TITLE = "DNAS Lab ground truth: stand-alone test accuracy of canonical NB201 cells "
            + "on Fashion-MNIST";
    private static final List<String> REQUIRED = List.of("library", "machine", "date", "protocol");

    private GroundTruthCsv() {
    }

    record Parsed(GroundTruthHeader header, List<GroundTruthRow> rows) {
    }

    static String format(GroundTruth t) {
        GroundTruthHeader h = t.header();
        List<Long> seeds = List.copyOf(t.seeds());
        StringBuilder out = new StringBuilder();
        comment(out, null, TITLE + " (read with a '#' comment prefix)");
        comment(out, "library", h.library());
        comment(out, "machine", h.machine());
        comment(out, "date", h.date());
        comment(out, "protocol", h.fingerprint() + " " + compact(h.protocol().toJson()));
        comment(out, "protocol-described", h.protocol().describe() + "; seed s trains the protocol with seed s");
        comment(out, "coverage", t.coverage().toString());
        for (int i = 0; i + 1 < seeds.size(); i++) {
            GroundTruth.SeedAgreement a = t.seedAgreement(seeds.get(i), seeds.get(i + 1));
            if (a != null) {
                comment(out, "seed-agreement", a.toString());
            }
        }
        double[] range = t.accuracyRange();
        if (range != null) {
            comment(out, "accuracy", String.format(Locale.ROOT, "min %.4f, median %.4f, max %.4f (mean over seeds)",
                    range[0], range[1], range[2]));
        }
        List<String> columns = new ArrayList<>(List.of("key", "arch", "accuracy"));
        seeds.forEach(s -> columns.add(GroundTruth.SEED_COLUMN + s));
        columns.addAll(List.of("params", "seconds", "protocol"));
        out.append(String.join(",", columns)).append('\n');
        for (GroundTruthRow r : t.rows()) {
            List<String> f = new ArrayList<>();
            f.add(r.key());
            f.add(r.cell().toNb201String());
            f.add(number(r.mean()));
            for (long s : seeds) {
                Double a = r.accuracies().get(s);
                f.add(a == null ? "" : number(a));
            }
            f.add(Long.toString(r.params()));
            f.add(String.format(Locale.ROOT, "%.2f", r.seconds()));
            f.add(r.protocol());
            out.append(String.join(",", f)).append('\n');
        }
        return out.toString();
    }

    /** The protocol's JSON on one line, so it fits a comment line. */
    private static String compact(String json) {
        return Json.tree(json, "the protocol's own JSON").toString();
    }

    private static String number(double accuracy) {
        // Accuracies are counts over 10,000 test images: 6 decimals keep them exact.
        return String.format(Locale.ROOT, "%.6f", accuracy);
    }

    private static void comment(StringBuilder out, String name, String value) {
        out.append("# ").append(name == null ? "" : name + ": ").append(value.replace('\n', ' ')).append('\n');
    }

    static Parsed parse(Path file, List<String> lines) {
        Map<String, String> meta = new LinkedHashMap<>();
        int i = 0;
        for (; i < lines.size() && (lines.get(i).startsWith("#") || lines.get(i).isBlank()); i++) {
            String c = lines.get(i).replaceFirst("^#\\s?", "");
            int colon = c.indexOf(": ");
            if (colon > 0 && !c.substring(0, colon).contains(" ")) {
                meta.putIfAbsent(c.substring(0, colon), c.substring(colon + 2).trim());
            }
        }
        for (String name : REQUIRED) {
            if (!meta.containsKey(name)) {
                throw bad(file, Math.min(i + 1, Math.max(lines.size(), 1)), "header",
                        "the '# " + name + ": …' comment line is missing (expected before the column line: "
                                + String.join(", ", REQUIRED) + ")");
            }
        }
        String protocolLine = meta.get("protocol");
        int space = protocolLine.indexOf(' ');
        if (space < 0) {
            throw bad(file, lineOf(lines, "# protocol:"), "protocol", "expected '<fingerprint> <protocol JSON>'");
        }
        TrainingProtocol protocol;
        try {
            protocol = TrainingProtocol.fromJson(protocolLine.substring(space + 1));
        } catch (RuntimeException e) {
            throw bad(file, lineOf(lines, "# protocol:"), "protocol", "not a valid protocol JSON: " + e.getMessage());
        }
        String fingerprint = protocolLine.substring(0, space);
        if (!protocol.fingerprint().equals(fingerprint)) {
            throw bad(file, lineOf(lines, "# protocol:"), "protocol", "fingerprint " + fingerprint
                    + " does not match the protocol JSON, whose fingerprint is " + protocol.fingerprint());
        }
        GroundTruthHeader header;
        try {
            header = new GroundTruthHeader(meta.get("library"), meta.get("machine"), meta.get("date"), protocol);
        } catch (IllegalArgumentException e) {
            throw bad(file, lineOf(lines, "# protocol:"), "protocol", e.getMessage());
        }
        if (i >= lines.size()) {
            throw bad(file, lines.size(), "header", "no column line after the comments");
        }
        Columns columns = Columns.of(file, i + 1, lines.get(i));
        List<GroundTruthRow> rows = new ArrayList<>();
        for (int n = i + 1; n < lines.size(); n++) {
            if (!lines.get(n).isBlank()) {
                GroundTruthRow r = columns.row(file, n + 1, lines.get(n));
                if (!r.protocol().equals(header.fingerprint())) {
                    throw bad(file, n + 1, "protocol", "expected the table's protocol " + header.fingerprint()
                            + ", got " + r.protocol());
                }
                rows.add(r);
            }
        }
        return new Parsed(header, rows);
    }

    private static int lineOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i + 1;
            }
        }
        return 1;
    }

    static IllegalArgumentException bad(Path file, int line, String field, String problem) {
        return new IllegalArgumentException("malformed ground-truth table " + file + ", line " + line + ", field '"
                + field + "': " + problem);
    }

    /** Column positions, checked once against what the format requires. */
    private record Columns(List<String> names, Map<Long, Integer> seedColumns) {
        static Columns of(Path file, int line, String text) {
            List<String> names = List.of(text.split(",", -1));
            for (String required : List.of("key", "arch", "params", "seconds", "protocol")) {
                if (!names.contains(required)) {
                    throw bad(file, line, required, "missing column; expected key,arch,accuracy,"
                            + GroundTruth.SEED_COLUMN + "<s>…,params,seconds,protocol, got " + text);
                }
            }
            Map<Long, Integer> seeds = new TreeMap<>();
            for (int c = 0; c < names.size(); c++) {
                String n = names.get(c);
                if (n.startsWith(GroundTruth.SEED_COLUMN)) {
                    try {
                        seeds.put(Long.parseLong(n.substring(GroundTruth.SEED_COLUMN.length())), c);
                    } catch (NumberFormatException e) {
                        throw bad(file, line, n, "expected " + GroundTruth.SEED_COLUMN + "<seed number>");
                    }
                }
            }
            if (seeds.isEmpty()) {
                throw bad(file, line, GroundTruth.SEED_COLUMN + "0", "no per-seed accuracy column");
            }
            return new Columns(names, seeds);
        }

        GroundTruthRow row(Path file, int line, String text) {
            String[] f = text.split(",", -1);
            if (f.length != names.size()) {
                throw bad(file, line, "(row)", "expected " + names.size() + " comma-separated fields, got " + f.length);
            }
            String key = get(f, "key");
            Architecture cell;
            try {
                cell = Architecture.parseNb201(get(f, "arch"));
            } catch (RuntimeException e) {
                throw bad(file, line, "arch", "not an NB201 string: " + e.getMessage());
            }
            if (!Nb201Canonical.key(cell).equals(key)) {
                throw bad(file, line, "key", "'" + key + "' is not the canonical key of arch " + cell.toNb201String()
                        + ", which is " + Nb201Canonical.key(cell));
            }
            TreeMap<Long, Double> accuracies = new TreeMap<>();
            for (Map.Entry<Long, Integer> e : seedColumns.entrySet()) {
                String v = f[e.getValue()].trim();
                if (!v.isEmpty()) {
                    double a = number(file, line, names.get(e.getValue()), v);
                    if (!(a >= 0 && a <= 1)) {
                        throw bad(file, line, names.get(e.getValue()), "expected an accuracy in [0, 1], got " + v);
                    }
                    accuracies.put(e.getKey(), a);
                }
            }
            if (accuracies.isEmpty()) {
                throw bad(file, line, GroundTruth.SEED_COLUMN + "*", "no seed's accuracy on this row");
            }
            double params = number(file, line, "params", get(f, "params"));
            if (params < 0 || params != Math.rint(params)) {
                throw bad(file, line, "params", "expected a whole number >= 0, got " + get(f, "params"));
            }
            double seconds = number(file, line, "seconds", get(f, "seconds"));
            if (!(seconds >= 0)) {
                throw bad(file, line, "seconds", "expected a number >= 0, got " + get(f, "seconds"));
            }
            return new GroundTruthRow(key, cell, accuracies, (long) params, seconds, get(f, "protocol"));
        }

        private String get(String[] fields, String name) {
            return fields[names.indexOf(name)].trim();
        }

        private static double number(Path file, int line, String field, String v) {
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw bad(file, line, field, "expected a number, got '" + v + "'");
            }
        }
    }
}
