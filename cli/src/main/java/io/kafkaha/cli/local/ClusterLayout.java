package io.kafkaha.cli.local;

import io.kafkaha.core.render.StartScript;
import java.nio.file.Path;

/**
 * The files of one local cluster. Node data directories stand in for the pods' persistent volumes: they
 * survive {@code down} and {@code up} and are deleted only by {@code down --purge}.
 * <pre>
 * DIR/cluster.properties          what the cluster is (see {@link LocalClusterState})
 * DIR/controllers.formation       the controller count it was formed with, once it changed ({@link ControllerFormation})
 * DIR/config/                     rendered role configs + start-kafka.sh (the pods' ConfigMap)
 * DIR/nodes/NODE/data/            the node's "persistent volume"
 * DIR/nodes/NODE/work/            effective server.properties (the pod's scratch volume)
 * DIR/nodes/NODE/node.log         everything the node printed
 * DIR/nodes/NODE/pid              process id and start time while it runs
 * DIR/nodes/NODE/fingerprint      what the node was last started with (see {@link NodeFingerprints})
 * DIR/nodes/NODE/restart-request  the last restart 'local roll' asked for
 * DIR/supervisor/pid, .../supervisor.log   the fast-fencing supervisor ({@link LocalSupervisor})
 * </pre>
 */
public record ClusterLayout(Path dir) {
    public ClusterLayout {
        dir = dir.toAbsolutePath().normalize();
    }

    public Path stateFile() {
        return dir.resolve("cluster.properties");
    }

    public Path formationFile() {
        return dir.resolve("controllers.formation");
    }

    public Path configDir() {
        return dir.resolve("config");
    }

    public Path startScript() {
        return configDir().resolve(StartScript.FILE_NAME);
    }

    public Path nodeDir(String node) {
        return dir.resolve("nodes").resolve(node);
    }

    public Path dataDir(String node) {
        return nodeDir(node).resolve("data");
    }

    public Path workDir(String node) {
        return nodeDir(node).resolve("work");
    }

    public Path logFile(String node) {
        return nodeDir(node).resolve("node.log");
    }

    public Path pidFile(String node) {
        return nodeDir(node).resolve("pid");
    }

    public Path fingerprintFile(String node) {
        return nodeDir(node).resolve("fingerprint");
    }

    public Path restartRequestFile(String node) {
        return nodeDir(node).resolve("restart-request");
    }

    public Path supervisorPidFile() {
        return dir.resolve("supervisor").resolve("pid");
    }

    public Path supervisorLog() {
        return dir.resolve("supervisor").resolve("supervisor.log");
    }
}
