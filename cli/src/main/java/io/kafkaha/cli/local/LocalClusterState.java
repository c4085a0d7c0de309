package io.kafkaha.cli.local;

import io.kafkaha.cli.UserError;
import io.kafkaha.core.render.LocalAddressing;
import io.kafkaha.core.spec.ClusterSpec;
import io.kafkaha.core.spec.RoleSpec;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * What a local cluster is, persisted in {@code cluster.properties} at its first {@code up}. The cluster id and
 * addresses are fixed from then on: they are written into every node's formatted storage and quorum metadata.
 */
public record LocalClusterState(String name, String clusterId, int controllers, int brokers, String host,
                                int basePort) {

    public ClusterSpec spec() {
        return new ClusterSpec(name, RoleSpec.of(controllers), RoleSpec.of(brokers));
    }

    public LocalAddressing addressing() {
        return new LocalAddressing(host, basePort);
    }

    public static Optional<LocalClusterState> load(ClusterLayout layout) {
        Path file = layout.stateFile();
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
            return Optional.of(new LocalClusterState(
                    properties.getProperty("name"),
                    properties.getProperty("cluster.id"),
                    Integer.parseInt(properties.getProperty("controllers")),
                    Integer.parseInt(properties.getProperty("brokers")),
                    properties.getProperty("host"),
                    Integer.parseInt(properties.getProperty("port.base"))));
        } catch (IOException | RuntimeException e) {
            throw new UserError(file + " is unreadable or damaged (" + e.getMessage() + "); if this directory is"
                    + " not a kafka-ha cluster, choose another --dir", e);
        }
    }

    public void save(ClusterLayout layout) {
        Properties properties = new Properties();
        properties.setProperty("name", name);
        properties.setProperty("cluster.id", clusterId);
        properties.setProperty("controllers", String.valueOf(controllers));
        properties.setProperty("brokers", String.valueOf(brokers));
        properties.setProperty("host", host);
        properties.setProperty("port.base", String.valueOf(basePort));
        try {
            Files.createDirectories(layout.dir());
            Path temp = layout.stateFile().resolveSibling("cluster.properties.tmp");
            try (Writer writer = Files.newBufferedWriter(temp)) {
                properties.store(writer, "kafka-ha local cluster; created by 'kafka-ha local up'");
            }
            Files.move(temp, layout.stateFile(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UserError("cannot save " + layout.stateFile() + " (" + NewClusterDir.describe(e) + "); give a"
                    + " --dir you may write to, on a file system with free space", e);
        }
    }
}
