package io.kafkaha.kubelet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The stand-in for the image's {@code /opt/kafka}: kafka-home's {@code target/kafka}, or where the system property
 * {@code kafkaha.kafka.home} says.
 */
final class KafkaHome {
    private KafkaHome() {
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
