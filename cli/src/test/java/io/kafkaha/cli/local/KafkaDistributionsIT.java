package io.kafkaha.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkaha.cli.UserError;
import io.kafkaha.core.BuildInfo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Another Kafka version laid out on first use, with Maven from Maven Central, as the upgrade tests need it. */
class KafkaDistributionsIT {

    @Test
    void theBuildsVersionIsTheBuiltStandIn() {
        assertThat(KafkaDistributions.forVersion(BuildInfo.kafkaVersion(), new PrintWriter(new StringWriter())).home())
                .isEqualTo(KafkaInstallation.locate().home());
    }

    @Test
    void anotherPublishedVersionGetsItsOwnJarsOnce() throws Exception {
        StringWriter notes = new StringWriter();
        KafkaInstallation kafka = KafkaDistributions.forVersion("4.3.1", new PrintWriter(notes));

        try (Stream<Path> libs = Files.list(kafka.home().resolve("libs"))) {
            assertThat(libs.map(jar -> jar.getFileName().toString()))
                    .contains("kafka_2.13-4.3.1.jar", "kafka-clients-4.3.1.jar")
                    .noneMatch(name -> name.startsWith("kafka") && name.contains("-4.4.0"));
        }
        assertThat(kafka.home().resolve("bin/kafka-server-start.sh")).isExecutable();
        StringWriter again = new StringWriter();
        assertThat(KafkaDistributions.forVersion("4.3.1", new PrintWriter(again)).home()).isEqualTo(kafka.home());
        assertThat(again.toString()).isEmpty();
    }

    @Test
    void anUnknownVersionIsRefused() {
        assertThatThrownBy(() -> KafkaDistributions.forVersion("4.4.9", new PrintWriter(new StringWriter())))
                .isInstanceOf(UserError.class).hasMessageStartingWith("Kafka 4.4.9 is not a release kafka-ha knows");
    }
}
