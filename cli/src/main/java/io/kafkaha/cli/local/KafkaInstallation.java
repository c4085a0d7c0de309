package io.kafkaha.cli.local;

import io.kafkaha.cli.UserError;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The stand-in for the image's {@code /opt/kafka}: {@code bin/} scripts that start the Kafka jars in
 * {@code libs/} (built by the kafka-home module). Found through {@code kafkaha.kafka.home} /
 * {@code KAFKA_HA_KAFKA_HOME}, else next to the CLI jar in the source tree.
 */
public record KafkaInstallation(Path home) {

    /** An installation laid out elsewhere (another Kafka version, see {@link KafkaDistributions}). */
    static KafkaInstallation at(Path home) {
        KafkaInstallation installation = new KafkaInstallation(home.toAbsolutePath().normalize());
        installation.check();
        return installation;
    }

    public static KafkaInstallation locate() {
        String configured = System.getProperty("kafkaha.kafka.home", System.getenv("KAFKA_HA_KAFKA_HOME"));
        Path home = configured != null && !configured.isBlank() ? Path.of(configured) : besideCliJar();
        KafkaInstallation installation = new KafkaInstallation(home.toAbsolutePath().normalize());
        installation.check();
        return installation;
    }

    /** {@code <repo>/cli/target/kafka-ha.jar} → {@code <repo>/kafka-home/target/kafka}. */
    private static Path besideCliJar() {
        try {
            Path jar = Path.of(KafkaInstallation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent().getParent().getParent().resolve("kafka-home/target/kafka");
        } catch (Exception e) {
            return Path.of("kafka-home/target/kafka");
        }
    }

    /** The Kafka version of the jars, from {@code libs/kafka_2.13-VERSION.jar}. */
    public String version() {
        try (Stream<Path> jars = Files.list(home.resolve("libs"))) {
            return jars.map(jar -> jar.getFileName().toString())
                    .filter(name -> name.matches("kafka_2\\.13-[0-9.]+\\.jar"))
                    .map(name -> name.substring("kafka_2.13-".length(), name.length() - ".jar".length()))
                    .findFirst()
                    .orElseThrow(() -> new UserError("cannot tell the Kafka version of " + home + ": it has no"
                            + " libs/kafka_2.13-VERSION.jar; rebuild it with 'mvn -q package -DskipTests'"));
        } catch (IOException e) {
            throw new UserError("cannot list " + home.resolve("libs") + ": " + e.getMessage(), e);
        }
    }

    private void check() {
        Path libs = home.resolve("libs");
        boolean hasKafka;
        try (Stream<Path> jars = Files.exists(libs) ? Files.list(libs) : Stream.empty()) {
            hasKafka = jars.anyMatch(jar -> jar.getFileName().toString().startsWith("kafka_2.13-"));
        } catch (IOException e) {
            hasKafka = false;
        }
        if (!hasKafka || !Files.exists(home.resolve("bin/kafka-server-start.sh"))) {
            throw new UserError("Kafka's jars are not in " + home + "; build them with './kafka-ha --help' (which"
                    + " builds first) or 'mvn -q package -DskipTests', or point KAFKA_HA_KAFKA_HOME at them");
        }
        // Maven copies resources without their executable bit; the start script executes these directly.
        File[] scripts = home.resolve("bin").toFile().listFiles();
        if (scripts != null) {
            for (File script : scripts) {
                if (!script.canExecute() && !script.setExecutable(true)) {
                    throw new UserError("cannot make " + script + " executable; check the permissions of " + home);
                }
            }
        }
    }
}
