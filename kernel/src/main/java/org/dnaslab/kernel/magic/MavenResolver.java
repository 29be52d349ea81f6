package org.dnaslab.kernel.magic;

import org.dnaslab.kernel.session.MagicException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Resolves Maven artifacts, with their runtime dependencies, from the local Maven repository only: it runs Maven
 * (Debian's, which {@code ./lab} installs) offline on a small generated POM and reads the class path it builds. No
 * network is needed or used. What the local repository lacks is named, with the command that fetches it on a machine
 * that has a network.
 */
final class MavenResolver {
    /**
     * The dependency plugin, pinned to the version this project's own build uses, so it is in every local repository
     * that has built the project (Maven's default for a bare goal would be an older one, maybe never downloaded).
     */
    static final String BUILD_CLASSPATH = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath";
    private static final long TIMEOUT_SECONDS = 300;
    private static final Pattern COORDINATES = Pattern.compile("([\\w.-]+):([\\w.-]+)(?::([\\w.-]+))?(?::([\\w.-]+))?:([\\w.+-]+)");
    private static final Pattern MISSING = Pattern.compile(
            "artifact ([\\w.-]+):([\\w.-]+):[\\w.-]+(?::[\\w.-]+)?:([\\w.+-]+) has not been downloaded"
                    + "|Could not find artifact ([\\w.-]+):([\\w.-]+):[\\w.-]+(?::[\\w.-]+)?:([\\w.+-]+)"
                    + "|following artifacts could not be resolved: ([\\w.-]+):([\\w.-]+):[\\w.-]+(?::[\\w.-]+)?:([\\w.+-]+)");

    private MavenResolver() {
    }

    /** {@code group:artifact[:packaging[:classifier]]:version} as a POM dependency element. */
    static String dependency(String coordinates) {
        Matcher m = COORDINATES.matcher(coordinates.strip());
        if (!m.matches()) {
            throw new MagicException("%maven: '" + coordinates
                    + "' is not group:artifact:version (or group:artifact:packaging[:classifier]:version)");
        }
        String packaging = m.group(3);
        String classifier = m.group(4);
        StringBuilder xml = new StringBuilder("<dependency><groupId>").append(m.group(1)).append("</groupId><artifactId>")
                .append(m.group(2)).append("</artifactId><version>").append(m.group(5)).append("</version>");
        if (packaging != null) {
            xml.append("<type>").append(packaging).append("</type>");
        }
        if (classifier != null) {
            xml.append("<classifier>").append(classifier).append("</classifier>");
        }
        return xml.append("</dependency>").toString();
    }

    /**
     * A POM to resolve: a whole {@code <project>} is used as given; otherwise the text is a {@code <dependencies>}
     * block or bare {@code <dependency>} elements (IJava's {@code %%loadFromPOM} accepts all three).
     */
    static String pom(String body) {
        String text = body.strip();
        if (text.contains("<project")) {
            return text;
        }
        String dependencies = text.contains("<dependencies>") ? text : "<dependencies>" + text + "</dependencies>";
        if (!dependencies.contains("<dependency>")) {
            throw new MagicException("%%loadFromPOM: expected a <project>, a <dependencies> block or "
                    + "<dependency> elements, got: " + (text.length() > 80 ? text.substring(0, 80) + "…" : text));
        }
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>org.dnaslab.notebook</groupId><artifactId>notebook-dependencies</artifactId><version>0</version>
                """ + dependencies + "\n</project>\n";
    }

    /** The jars of the POM's dependencies and theirs (runtime scope), resolved offline; in Maven's order. */
    static List<Path> resolve(String pom, String magic) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("dnaslab-maven");
        try {
            Path pomFile = dir.resolve("pom.xml");
            Path out = dir.resolve("classpath.txt");
            Files.writeString(pomFile, pom, StandardCharsets.UTF_8);
            List<String> cmd = List.of(mavenExecutable(), "-o", "-B", "-q", "-f", pomFile.toString(), BUILD_CLASSPATH,
                    "-Dmdep.outputFile=" + out, "-Dmdep.includeScope=runtime");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            CompletableFuture<String> log = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "";
                }
            });
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new MagicException(magic + ": Maven did not finish within " + TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                throw failure(magic, log.join());
            }
            String classpath = Files.isRegularFile(out) ? Files.readString(out, StandardCharsets.UTF_8).strip() : "";
            List<Path> jars = new ArrayList<>();
            for (String entry : classpath.split(java.io.File.pathSeparator)) {
                if (!entry.isBlank()) {
                    jars.add(Path.of(entry));
                }
            }
            return jars;
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static MagicException failure(String magic, String log) {
        Matcher m = MISSING.matcher(log);
        if (m.find()) {
            int g = m.group(1) != null ? 1 : m.group(4) != null ? 4 : 7;
            String artifact = m.group(g) + ":" + m.group(g + 1) + ":" + m.group(g + 2);
            return new MagicException(magic + ": " + artifact + " is not in the local Maven repository ("
                    + localRepository() + ") and the kernel resolves offline.\nOn a machine with a network, fetch it "
                    + "(with its dependencies) into that repository with:\n  mvn dependency:get -Dartifact=" + artifact
                    + "\nthen run the cell again.");
        }
        String tail = log.lines().filter(l -> l.contains("ERROR")).limit(8).reduce((a, b) -> a + "\n" + b).orElse(log.strip());
        return new MagicException(magic + ": Maven could not resolve the dependencies:\n" + tail);
    }

    /** Maven's default local repository; a settings.xml or MAVEN_OPTS may point elsewhere. */
    static Path localRepository() {
        return Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /** $DNASLAB_MVN, else the mvn on PATH (Debian's /usr/bin/mvn, which ./lab installs). */
    static String mavenExecutable() {
        String configured = System.getenv("DNASLAB_MVN");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/bin");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path mvn = Path.of(dir.isEmpty() ? "." : dir, "mvn");
            if (Files.isExecutable(mvn)) {
                return mvn.toString();
            }
        }
        throw new MagicException("%maven needs Maven, which ./lab installs (Debian package maven); "
                + "or set DNASLAB_MVN to an mvn executable");
    }
}
