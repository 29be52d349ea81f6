package org.dnaslab.kernel.magic;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Stream;

/** Expands a path that may contain glob characters ({@code * ? [ ] { }}, {@code **} across directories). */
public final class Globs {
    private Globs() {
    }

    /** Matching paths in sorted order; a path without glob characters must exist. */
    public static List<Path> expand(String pattern) throws IOException {
        String p = pattern.startsWith("~/") ? System.getProperty("user.home") + pattern.substring(1) : pattern;
        if (!hasGlob(p)) {
            Path path = Path.of(p).toAbsolutePath().normalize();
            if (!Files.exists(path)) {
                throw new IllegalArgumentException("no such file or directory: " + pattern);
            }
            return List.of(path);
        }
        Path absolute = Path.of(p).isAbsolute() ? Path.of(p) : Path.of("").toAbsolutePath().resolve(p);
        Path base = absolute.getRoot();
        int i = 0;
        for (; i < absolute.getNameCount() && !hasGlob(absolute.getName(i).toString()); i++) {
            base = base.resolve(absolute.getName(i));
        }
        boolean deep = absolute.toString().contains("**");
        int depth = deep ? Integer.MAX_VALUE : absolute.getNameCount() - i;
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + absolute.normalize());
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(base, depth)) {
            return walk.filter(matcher::matches).sorted().toList();
        }
    }

    private static boolean hasGlob(String s) {
        return s.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }
}
