package io.kafkaha.cli;

import io.kafkaha.core.BuildInfo;
import picocli.CommandLine;

/** {@code kafka-ha --version}: our version and the Kafka version it runs. */
public class KafkaHaVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"kafka-ha " + BuildInfo.version(), "Apache Kafka " + BuildInfo.kafkaVersion()};
    }
}
