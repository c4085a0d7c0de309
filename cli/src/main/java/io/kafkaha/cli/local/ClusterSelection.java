package io.kafkaha.cli.local;

import io.kafkaha.cli.UserError;
import io.kafkaha.core.spec.ClusterSpec;
import java.nio.file.Path;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** {@code --name} and {@code --dir}: which local cluster a command is about. */
public class ClusterSelection {
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./~:@%+=,-]+");

    @Option(names = "--name", paramLabel = "NAME",
            description = "Cluster name; nodes are named NAME-broker-N and NAME-controller-N (default: kafka).")
    String name;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Directory of the cluster's config, logs and data (default: ~/.kafka-ha/clusters/NAME,"
                    + " or under $KAFKA_HA_HOME).")
    Path dir;

    public ClusterSelection() {
    }

    /** A selection made by other options than these (the client commands' own {@code --name}/{@code --dir}). */
    public ClusterSelection(String name, Path dir) {
        this.name = name;
        this.dir = dir;
    }

    public String name() {
        return name != null ? name : ClusterSpec.DEFAULT_NAME;
    }

    public boolean dirGiven() {
        return dir != null;
    }

    public boolean nameGiven() {
        return name != null;
    }

    /** Whether the user named a cluster at all, by --name or --dir. */
    public boolean given() {
        return name != null || dir != null;
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

    /**
     * The options that select {@code cluster} in any command, local or client: nothing for the default cluster,
     * {@code --name} unless it is the default, {@code --dir} unless it is the name's default directory. Starts
     * with a space when not empty, to be appended to a command.
     */
    public static String flagsFor(LocalCluster cluster) {
        String clusterName = cluster.state().name();
        StringBuilder flags = new StringBuilder();
        if (!ClusterSpec.DEFAULT_NAME.equals(clusterName)) {
            flags.append(" --name ").append(clusterName);
        }
        Path clusterDir = cluster.layout().dir();
        if (!clusterDir.equals(new ClusterLayout(LocalHome.defaultClusterDir(clusterName)).dir())) {
            String path = clusterDir.toString();
            flags.append(" --dir ").append(SHELL_SAFE.matcher(path).matches()
                    ? path : "'" + path.replace("'", "'\\''") + "'");
        }
        return flags.toString();
    }
}
