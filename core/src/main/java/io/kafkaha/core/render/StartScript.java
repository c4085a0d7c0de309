package io.kafkaha.core.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The script every Kafka node starts with, in a pod and locally alike ({@code start-kafka.sh} beside this class,
 * whose header documents its environment). Names of the variables the runtimes set are here.
 */
public final class StartScript {
    public static final String FILE_NAME = "start-kafka.sh";

    public static final String NODE_NAME = "KAFKA_HA_NODE_NAME";
    public static final String ROLE = "KAFKA_HA_ROLE";
    public static final String NODE_ID_OFFSET = "KAFKA_HA_NODE_ID_OFFSET";
    public static final String CLUSTER_ID = "KAFKA_HA_CLUSTER_ID";
    public static final String INITIAL_CONTROLLERS = "KAFKA_HA_INITIAL_CONTROLLERS";
    public static final String BIND_HOST = "KAFKA_HA_BIND_HOST";
    public static final String ADVERTISED_HOST = "KAFKA_HA_ADVERTISED_HOST";
    public static final String CLIENT_PORT = "KAFKA_HA_CLIENT_PORT";
    public static final String REPLICATION_PORT = "KAFKA_HA_REPLICATION_PORT";
    public static final String CONTROLLER_PORT = "KAFKA_HA_CONTROLLER_PORT";
    /** Runtime-specific: directory holding the role config files (a ConfigMap mount in a pod). */
    public static final String CONFIG_DIR = "KAFKA_HA_CONFIG_DIR";
    /** Runtime-specific: writable scratch directory for the effective server.properties. */
    public static final String WORK_DIR = "KAFKA_HA_WORK_DIR";
    /** Runtime-specific: the node's persistent volume. */
    public static final String DATA_DIR = "KAFKA_HA_DATA_DIR";
    /** Runtime-specific: Kafka's installation, {@code /opt/kafka} in the official image. */
    public static final String KAFKA_HOME = "KAFKA_HOME";

    private StartScript() {
    }

    public static String text() {
        try (InputStream in = StartScript.class.getResourceAsStream(FILE_NAME)) {
            if (in == null) {
                throw new IllegalStateException(FILE_NAME + " is missing from the kafka-ha-core jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
