package io.kafkaha.cli.local;

import io.kafkaha.cli.UserError;
import io.kafkaha.core.spec.ClusterSpec;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --name} and {@code --dir}: which local cluster a command is about. */
public class ClusterSelection {
    @Option(names = "--name", paramLabel = "NAME",
            description = "Cluster name; nodes are named NAME-broker-N and NAME-controller-N (default: kafka).")
    String name;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Directory of the cluster's config, logs and data (default: ~/.kafka-ha/clusters/NAME,"
                    + " or under $KAFKA_HA_HOME).")
    Path dir;

    public String name() {
        return name != null ? name : ClusterSpec.DEFAULT_NAME;
    }

    public boolean nameGiven() {
        return name != null;
    }

    public ClusterLayout layout() {
        return new ClusterLayout(dir != null ? dir : LocalHome.defaultClusterDir(name()));
    }

    /** The existing cluster selected; refuses a --name that contradicts what the directory holds. */
    public LocalCluster open() {
        LocalCluster cluster = LocalCluster.open(layout().dir());
        if (nameGiven() && !cluster.state().name().equals(name)) {
            throw new UserError(cluster.layout().dir() + " holds cluster '" + cluster.state().name() + "', not '"
                    + name + "'; use --name " + cluster.state().name() + " or another --dir");
        }
        return cluster;
    }
}
