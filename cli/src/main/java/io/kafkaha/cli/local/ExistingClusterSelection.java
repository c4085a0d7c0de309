package io.kafkaha.cli.local;

import io.kafkaha.cli.UserError;
import picocli.CommandLine.Option;

/**
 * The selection of the commands that work on an existing cluster ({@code status}, {@code down}, ...). They also
 * take {@code --port-base}, so the options given to {@code up} can be repeated; a cluster's ports are fixed when
 * it is created, so here the option only checks that the cluster selected is the one on those ports.
 */
public class ExistingClusterSelection extends ClusterSelection {
    @Option(names = "--port-base", paramLabel = "PORT",
            description = "Optional: the port base the cluster was created with ('local up --port-base'); it is"
                    + " stored with the cluster, so a different one is refused.")
    Integer portBase;

    @Override
    public LocalCluster open() {
        LocalCluster cluster = super.open();
        int actual = cluster.state().basePort();
        if (portBase != null && portBase != actual) {
            throw new UserError("cluster '" + cluster.state().name() + "' in " + cluster.layout().dir() + " runs on"
                    + " --port-base " + actual + ", not " + portBase + "; ports are fixed when 'local up' creates a"
                    + " cluster and every other command finds them by --name/--dir, so drop --port-base (or select"
                    + " the cluster you meant with --name/--dir)");
        }
        return cluster;
    }
}
