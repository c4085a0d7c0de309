package io.kafkaha.kubelet;

import io.kafkaha.cli.local.KafkaDistributions;
import io.kafkaha.core.BuildInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The stand-in for the image's {@code /opt/kafka}: kafka-home's {@code target/kafka}, or where the system property
 * {@code kafkaha.kafka.home} says, for the build's Kafka version; for an image of another version (the tag of
 * {@code apache/kafka:4.3.1}), that version's installation as the local runtime lays it out ({@link
 * KafkaDistributions}), so upgrades run for real.
 */
final class KafkaHome {
    private KafkaHome() {
    }

    static Path forImage(String image, Path standIn) {
        int colon = image == null ? -1 : image.lastIndexOf(':');
        String tag = colon < 0 ? null : image.substring(colon + 1);
        if (tag == null || tag.equals(BuildInfo.kafkaVersion())) {
            return standIn;
        }
        return KafkaDistributions.forVersion(tag, new PrintWriter(System.err, true)).home();
    }

    static Path standIn() {
        Path home = Path.of(System.getProperty("kafkaha.kafka.home", "../kafka-home/target/kafka"))
                .toAbsolutePath().normalize();
        Path bin = home.resolve("bin");
        if (!Files.isDirectory(bin)) {
            throw new IllegalStateException("no Kafka installation at " + home + ": build the kafka-home module"
                    + " first (mvn -pl <module> -am ...) or set -Dkafkaha.kafka.home");
        }
        // Maven copies the stand-in scripts without their executable bit, and the start script executes them.
        try (Stream<Path> scripts = Files.list(bin)) {
            scripts.forEach(script -> script.toFile().setExecutable(true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return home;
    }
}
