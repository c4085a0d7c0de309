package io.kafkaha.cli.local;

import io.kafkaha.cli.UserError;
import io.kafkaha.core.BuildInfo;
import io.kafkaha.core.kafka.KafkaReleases;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Kafka installation per version, as each pod gets {@code apache/kafka:<version>}: the build's own version is
 * the stand-in the build made ({@link KafkaInstallation#locate()}); any other published version is laid out on
 * first use under {@code ~/.kafka-ha/kafka/<version>}: the same {@code bin/} stand-ins and config, and that
 * version's jars, which Maven copies from Maven Central (the same way the build gets the build's version).
 */
public final class KafkaDistributions {
    private static final String COMPLETE = ".complete";
    private static final long FETCH_TIMEOUT_MINUTES = 10;

    private KafkaDistributions() {
    }

    public static KafkaInstallation forVersion(String version, PrintWriter notes) {
        KafkaInstallation built = KafkaInstallation.locate();
        if (version == null || version.equals(BuildInfo.kafkaVersion())) {
            return built;
        }
        if (!KafkaReleases.isPublished(version)) {
            throw new UserError("Kafka " + version + " is not a release kafka-ha knows; use one of "
                    + String.join(", ", KafkaReleases.PUBLISHED));
        }
        Path home = cacheRoot().resolve(version);
        if (!Files.exists(home.resolve(COMPLETE))) {
            notes.println("Getting Kafka " + version + "'s jars from Maven Central into " + home + " (once) ...");
            notes.flush();
            layOut(built.home(), home, version);
        }
        return KafkaInstallation.at(home);
    }

    /**
     * {@code kafkaha.kafka.cache} / {@code KAFKA_HA_KAFKA_CACHE}, else {@code ~/.kafka-ha/kafka}: shared by every
     * cluster and test, whatever their {@code KAFKA_HA_HOME}.
     */
    static Path cacheRoot() {
        String configured = System.getProperty("kafkaha.kafka.cache", System.getenv("KAFKA_HA_KAFKA_CACHE"));
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".kafka-ha", "kafka");
    }

    private static void layOut(Path built, Path home, String version) {
        try {
            // A staging directory of this process's own: two commands getting the same version at once (two
            // clusters started together) must not delete each other's half-done copy.
            Path staging = Files.createDirectories(home.getParent())
                    .resolve(version + ".partial-" + ProcessHandle.current().pid());
            deleteTree(staging);
            Files.createDirectories(staging);
            copyTree(built.resolve("bin"), staging.resolve("bin"));
            copyTree(built.resolve("config"), staging.resolve("config"));
            Path pom = staging.resolve("fetch-pom.xml");
            Files.writeString(pom, fetchPom(version, Logging.of(built)), StandardCharsets.UTF_8);
            runMaven(pom, staging.resolve("libs"), staging.resolve("fetch.log"), version);
            Files.writeString(staging.resolve(COMPLETE), version + "\n");
            if (Files.exists(home.resolve(COMPLETE))) {
                deleteTree(staging); // another command laid it out meanwhile
                return;
            }
            deleteTree(home);
            try {
                Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
                if (!Files.exists(home.resolve(COMPLETE))) {
                    throw raced;
                }
                deleteTree(staging);
            }
        } catch (IOException e) {
            throw new UserError("cannot lay out Kafka " + version + " in " + home + ": " + e.getMessage()
                    + "; check that the directory is writable (or set KAFKA_HA_KAFKA_CACHE)", e);
        }
    }

    private static void runMaven(Path pom, Path libs, Path log, String version) throws IOException {
        List<String> command = List.of("mvn", "-B", "-q", "-f", pom.toString(),
                "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies",
                "-DincludeScope=runtime", "-DoutputDirectory=" + libs);
        Process maven;
        try {
            maven = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UserError("Kafka " + version + " is fetched with Maven, which was not found (" + e.getMessage()
                    + "); install Maven 3.8+ and run this again");
        }
        try {
            if (!maven.waitFor(FETCH_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                maven.destroyForcibly();
                throw new UserError("getting Kafka " + version + "'s jars took over " + FETCH_TIMEOUT_MINUTES
                        + " minutes; is Maven Central reachable? The log is " + log);
            }
        } catch (InterruptedException e) {
            maven.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while getting Kafka " + version);
        }
        if (maven.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log);
            throw new UserError("Maven could not get Kafka " + version + "'s jars (is Maven Central reachable?):\n  "
                    + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 10), lines.size()))
                    + "\nThe whole log is " + log);
        }
    }

    /** Kafka's broker jar with its runtime dependencies, and the logging the build's stand-in uses. */
    static String fetchPom(String version, Logging logging) {
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>io.kafkaha.local</groupId>
                  <artifactId>kafka-%1$s</artifactId>
                  <version>1</version>
                  <packaging>pom</packaging>
                  <dependencies>
                    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>%1$s</version></dependency>
                    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-api</artifactId><version>%2$s</version></dependency>
                    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-core</artifactId><version>%3$s</version></dependency>
                    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-slf4j2-impl</artifactId><version>%3$s</version></dependency>
                  </dependencies>
                </project>
                """.formatted(version, logging.slf4j(), logging.log4j());
    }

    /** The logging versions of the build's own stand-in, read from its libs. */
    record Logging(String slf4j, String log4j) {
        static Logging of(Path builtHome) {
            try (Stream<Path> jars = Files.list(builtHome.resolve("libs"))) {
                List<String> names = jars.map(jar -> jar.getFileName().toString()).toList();
                return new Logging(versionOf(names, "slf4j-api-"), versionOf(names, "log4j-core-"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String versionOf(List<String> jars, String prefix) {
            return jars.stream().filter(name -> name.startsWith(prefix) && name.endsWith(".jar"))
                    .map(name -> name.substring(prefix.length(), name.length() - ".jar".length()))
                    .findFirst().orElseThrow(() -> new UserError("the built Kafka stand-in has no " + prefix + "jar;"
                            + " rebuild kafka-ha"));
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
