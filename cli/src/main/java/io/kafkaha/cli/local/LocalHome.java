package io.kafkaha.cli.local;

import java.nio.file.Path;

/**
 * Where local clusters live unless {@code --dir} says otherwise: {@code ~/.kafka-ha/clusters/<name>}.
 * {@code KAFKA_HA_HOME} (or the {@code kafkaha.home} system property) moves the whole tree, e.g. for tests.
 */
public final class LocalHome {
    private LocalHome() {
    }

    public static Path root() {
        String configured = System.getProperty("kafkaha.home", System.getenv("KAFKA_HA_HOME"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".kafka-ha");
    }

    public static Path clustersDir() {
        return root().resolve("clusters");
    }

    public static Path defaultClusterDir(String name) {
        return clustersDir().resolve(name);
    }
}
