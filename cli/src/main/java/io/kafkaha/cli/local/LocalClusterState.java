package io.kafkaha.cli.local;

import io.kafkaha.cli.UserError;
import io.kafkaha.core.render.IsolatedAddressing;
import io.kafkaha.core.render.LocalAddressing;
import io.kafkaha.core.render.NodeAddressing;
import io.kafkaha.core.spec.ClusterSpec;
import io.kafkaha.core.spec.NodeRole;
import io.kafkaha.core.spec.RoleSpec;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What a local cluster is, persisted in {@code cluster.properties} at its first {@code up}. The cluster id and
 * addresses are fixed from then on: they are written into every node's formatted storage and quorum metadata.
 * The applied spec's config overrides ({@code brokers.config.KEY}, {@code controllers.config.KEY}) and Kafka
 * version are kept too, so every later command renders the same {@code server.properties}; a file without them
 * (a cluster created by plain {@code up}) has none and runs the installation's version.
 *
 * @param version  the Kafka version the spec asks for, or {@code null} for "the local installation's"
 * @param isolated every node in a network namespace of its own ({@code local up --isolated}, {@link IsolatedNetwork})
 */
public record LocalClusterState(String name, String clusterId, int controllers, int brokers, String host,
                                int basePort, Map<String, String> controllerConfig, Map<String, String> brokerConfig,
                                String version, boolean isolated) {
    private static final String VERSION_KEY = "version";
    private static final String ISOLATED_KEY = "isolated";

    public LocalClusterState {
        controllerConfig = Map.copyOf(controllerConfig);
        brokerConfig = Map.copyOf(brokerConfig);
    }

    /** A cluster without config overrides, of the local installation's version. */
    public LocalClusterState(String name, String clusterId, int controllers, int brokers, String host,
                             int basePort) {
        this(name, clusterId, controllers, brokers, host, basePort, Map.of(), Map.of(), null, false);
    }

    /** The same cluster with every node in a network namespace of its own; only before its first start. */
    public LocalClusterState isolate() {
        return new LocalClusterState(name, clusterId, controllers, brokers, host, basePort, controllerConfig,
                brokerConfig, version, true);
    }

    public ClusterSpec spec() {
        return new ClusterSpec(name, new RoleSpec(controllers, controllerConfig), new RoleSpec(brokers, brokerConfig));
    }

    /** The same cluster (id, addresses) running {@code spec}, whose name and node counts must be this one's. */
    public LocalClusterState withSpec(ClusterSpec spec, String version) {
        if (!spec.name().equals(name) || spec.controllers().replicas() != controllers
                || spec.brokers().replicas() != brokers) {
            throw new IllegalArgumentException("a local cluster keeps its name and node counts");
        }
        return new LocalClusterState(name, clusterId, controllers, brokers, host, basePort,
                spec.controllers().config(), spec.brokers().config(), version, isolated);
    }

    /** The same cluster with another number of brokers (after {@link LocalBrokerScaling} added or removed some). */
    public LocalClusterState withBrokers(int count) {
        return new LocalClusterState(name, clusterId, controllers, count, host, basePort, controllerConfig,
                brokerConfig, version, isolated);
    }

    /** The same cluster with another number of controllers (see {@link LocalQuorumScaling}). */
    public LocalClusterState withControllers(int count) {
        return new LocalClusterState(name, clusterId, count, brokers, host, basePort, controllerConfig, brokerConfig,
                version, isolated);
    }

    public NodeAddressing addressing() {
        return isolated ? new IsolatedAddressing(basePort) : new LocalAddressing(host, basePort);
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
                    Integer.parseInt(properties.getProperty("port.base")),
                    config(properties, NodeRole.CONTROLLER),
                    config(properties, NodeRole.BROKER),
                    properties.getProperty(VERSION_KEY),
                    Boolean.parseBoolean(properties.getProperty(ISOLATED_KEY))));
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
        if (version != null) {
            properties.setProperty(VERSION_KEY, version);
        }
        if (isolated) {
            properties.setProperty(ISOLATED_KEY, "true");
        }
        controllerConfig.forEach((key, value) -> properties.setProperty(configPrefix(NodeRole.CONTROLLER) + key,
                value));
        brokerConfig.forEach((key, value) -> properties.setProperty(configPrefix(NodeRole.BROKER) + key, value));
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

    private static Map<String, String> config(Properties properties, NodeRole role) {
        String prefix = configPrefix(role);
        Map<String, String> config = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                config.put(key.substring(prefix.length()), properties.getProperty(key));
            }
        }
        return config;
    }

    /** {@code brokers.config.} / {@code controllers.config.}, the manifest's own paths. */
    private static String configPrefix(NodeRole role) {
        return role.label() + "s.config.";
    }
}
