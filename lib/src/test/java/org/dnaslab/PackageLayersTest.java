package org.dnaslab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The pipeline order of docs/DESIGN.md §1, enforced: a package may use the packages before it, never one after it,
 * so no cycle can creep in and a reader can learn the library left to right.
 */
class PackageLayersTest {
    /** Left to right; store and progress sit under everything. */
    static final List<String> ORDER = List.of("store", "progress", "data", "space", "ops", "supernet", "train",
            "search", "regularize", "select", "evaluate", "report");

    private static final Pattern USE = Pattern.compile("\\borg\\.dnaslab\\.([a-z]+)\\.");

    @Test
    void noPackageUsesOneAfterIt() throws IOException {
        Path root = Path.of("src/main/java/org/dnaslab");
        List<String> backwards = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = root.relativize(f).getName(0).toString();
                int at = ORDER.indexOf(pkg);
                if (at < 0) {
                    backwards.add(f + ": package '" + pkg + "' is missing from the pipeline order " + ORDER);
                    continue;
                }
                Matcher m = USE.matcher(Files.readString(f));
                while (m.find()) {
                    int used = ORDER.indexOf(m.group(1));
                    if (used > at || (used < 0 && !m.group(1).equals(pkg))) {
                        backwards.add(f.getFileName() + " (" + pkg + ") uses " + m.group(1));
                    }
                }
            }
        }
        assertEquals(List.of(), backwards.stream().distinct().toList());
    }
}
