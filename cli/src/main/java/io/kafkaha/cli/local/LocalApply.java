package io.kafkaha.cli.local;

import io.kafkaha.cli.UserError;
import io.kafkaha.core.kafka.ClusterHealth;
import io.kafkaha.core.kafka.MoveSettings;
import io.kafkaha.core.render.LocalAddressing;
import io.kafkaha.core.render.NodePlan;
import io.kafkaha.core.spec.ClusterSpec;
import io.kafkaha.core.spec.NodeRole;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.kafka.common.Uuid;

/**
 * {@code local up -f cluster.yaml}: the local runtime applies a KafkaCluster manifest as the operator would.
 * The first time it creates and starts the cluster; on an existing cluster it saves the new spec, writes the
 * new config, starts the nodes that are stopped and rolls the running ones that are out of date through
 * {@link LocalRoll}. A new broker count is applied first, by {@link LocalBrokerScaling} (as {@code local scale}).
 * Changes the local runtime cannot make (name, controller count, ports) are refused before anything is written.
 */
final class LocalApply {
    private final ClusterSelection selection;
    private final Integer portBase;
    private final Duration readyTimeout;
    private final Duration rollTimeout;
    private final PrintWriter out;
    private final PrintWriter err;

    LocalApply(ClusterSelection selection, Integer portBase, Duration readyTimeout, Duration rollTimeout,
               PrintWriter out, PrintWriter err) {
        this.selection = selection;
        this.portBase = portBase;
        this.readyTimeout = readyTimeout;
        this.rollTimeout = rollTimeout;
        this.out = out;
        this.err = err;
    }

    int apply(Path file) {
        ClusterManifest manifest = ClusterManifest.read(file);
        ClusterSpec spec = manifest.spec();
        if (selection.nameGiven() && !selection.name().equals(spec.name())) {
            throw new UserError(file + " is cluster '" + spec.name() + "' (metadata.name), not '" + selection.name()
                    + "'; omit --name with -f, or change metadata.name in the file");
        }
        // Every version the validator accepts is published; its jars are laid out on first use.
        KafkaInstallation kafka = KafkaDistributions.forVersion(manifest.version(), err);
        ClusterLayout layout = new ClusterLayout(selection.dir != null ? selection.dir
                : LocalHome.defaultClusterDir(spec.name()));
        Optional<LocalClusterState> existing = LocalClusterState.load(layout);
        if (existing.isEmpty()) {
            return create(layout, newState(spec, manifest.version()), kafka);
        }
        return change(layout, existing.get(), manifest, file, kafka);
    }

    private int create(ClusterLayout layout, LocalClusterState state, KafkaInstallation kafka) {
        LocalCluster cluster = new LocalCluster(layout, state);
        // Every port is checked before anything starts or is saved, so a clash leaves nothing half-done.
        cluster.nodes().forEach(cluster::requirePortsFree);
        state.save(layout);
        cluster.writeConfig();
        ClusterHealth health = start(cluster, cluster.nodes(), kafka);
        LocalSupervisor.ensureRunning(cluster);
        out.println("Cluster '" + state.name() + "' is up: " + state.controllers() + " controller(s), quorum leader "
                + health.quorumLeaderId() + "; " + health.brokers().size() + " broker(s).");
        out.println("Bootstrap servers: " + cluster.bootstrapServers());
        out.println("Change the file and run 'kafka-ha local up -f' with it again: the change is rolled out node by"
                + " node ('kafka-ha local status --dir " + layout.dir() + "' shows the nodes).");
        return 0;
    }

    private int change(ClusterLayout layout, LocalClusterState applied, ClusterManifest manifest, Path file,
                       KafkaInstallation kafka) {
        ClusterSpec spec = manifest.spec();
        String version = manifest.version();
        List<String> refused = unchangeable(layout, applied, spec);
        if (!refused.isEmpty()) {
            throw new UserError("cannot apply " + file + " to cluster '" + applied.name() + "' in " + layout.dir()
                    + "; nothing was changed:\n  " + String.join("\n  ", refused));
        }
        LocalCluster current = new LocalCluster(layout, applied);
        if (current.anyRunning()) {
            LocalMetadataUpgrade.refuseDowngrade(current, version);
        }
        if (spec.controllers().replicas() != applied.controllers()) {
            if (!current.anyRunning()) {
                throw new UserError("cannot change the number of controllers of cluster '" + applied.name()
                        + "' while it is stopped: the quorum changes through running controllers; start it with"
                        + " 'kafka-ha local up -f' and the file it runs now, then apply this one");
            }
            // The quorum first: the roll below then sees every controller as a voter.
            applied = new LocalQuorumScaling(layout, kafka, out).scale(applied, spec.controllers().replicas(),
                    rollTimeout);
        }
        LocalCluster unscaled = new LocalCluster(layout, applied);
        // Brokers next, with the config they run now; a config change below then rolls them all.
        LocalCluster before = spec.brokers().replicas() == applied.brokers() ? unscaled
                : new LocalBrokerScaling(unscaled, unscaled.kafka(err), out, err).scale(spec.brokers().replicas(),
                        manifest.rebalanceOnScaleUp(), MoveSettings.defaults().withTimeout(rollTimeout),
                        readyTimeout);
        // Nodes that ran before fingerprints were kept run what the cluster renders now, not the new spec.
        before.recordUnknownFingerprints();
        List<NodePlan> stopped = before.nodes().stream().filter(node -> !before.isRunning(node)).toList();
        stopped.forEach(before::requirePortsFree);

        LocalClusterState state = before.state().withSpec(spec, version);
        List<String> changes = configChanges(before.state().spec(), spec);
        state.save(layout);
        LocalCluster cluster = new LocalCluster(layout, state);
        cluster.writeConfig();
        out.println(changes.isEmpty() ? "Applying " + file + " to cluster '" + state.name() + "': no config change."
                : "Applying " + file + " to cluster '" + state.name() + "': " + String.join("; ", changes) + ".");
        out.flush();
        if (!stopped.isEmpty()) {
            start(cluster, stopped, kafka);
        }
        // Before the roll: its stops are graceful (marked), while a node crashing meanwhile is fenced at once.
        LocalSupervisor.ensureRunning(cluster);
        List<String> restarted = new LocalRoll(cluster, kafka, out).run(rollTimeout, "--roll-timeout");
        LocalMetadataUpgrade.raiseIfDue(cluster, out, rollTimeout);
        out.println("Cluster '" + state.name() + "' runs " + file + (restarted.isEmpty() ? "" : " after restarting "
                + String.join(", ", restarted)) + ".");
        out.println("Bootstrap servers: " + cluster.bootstrapServers());
        return 0;
    }

    private ClusterHealth start(LocalCluster cluster, List<NodePlan> nodes, KafkaInstallation kafka) {
        err.println("Starting " + nodes.size() + " node(s) of cluster '" + cluster.state().name() + "' in "
                + cluster.layout().dir() + " ...");
        err.flush();
        nodes.forEach(node -> cluster.launch(node, kafka));
        return new ReadinessWait(cluster, kafka, err).awaitCluster(nodes, readyTimeout);
    }

    private LocalClusterState newState(ClusterSpec spec, String version) {
        int base = portBase != null ? portBase : LocalAddressing.DEFAULT_BASE_PORT;
        LocalAddressing addressing = LocalAddressing.loopback(base);
        if (base < 1024 || addressing.lastPort() > 65535) {
            throw new UserError("--port-base " + base + " is out of range; it needs ports " + base + ".."
                    + addressing.lastPort() + ", so choose 1024.." + (65535 - (addressing.lastPort() - base)));
        }
        for (NodeRole role : NodeRole.values()) {
            if (spec.role(role).replicas() > LocalAddressing.PORTS_PER_LISTENER) {
                throw new UserError("spec." + role.label() + "s.replicas: the local runtime runs at most "
                        + LocalAddressing.PORTS_PER_LISTENER + " nodes per role; asked for "
                        + spec.role(role).replicas());
            }
        }
        return new LocalClusterState(spec.name(), Uuid.randomUuid().toString(), spec.controllers().replicas(),
                spec.brokers().replicas(), addressing.hostAddress(), base).withSpec(spec, version);
    }

    /** What an existing local cluster cannot change: its name and ports; counts change by scaling, within limits. */
    private List<String> unchangeable(ClusterLayout layout, LocalClusterState applied, ClusterSpec spec) {
        List<String> problems = new ArrayList<>();
        if (!applied.name().equals(spec.name())) {
            problems.add("metadata.name: " + layout.dir() + " holds cluster '" + applied.name() + "', which cannot"
                    + " be renamed; set metadata.name: " + applied.name() + ", or use another --dir for a new cluster");
        }
        int brokers = spec.brokers().replicas();
        if (brokers != applied.brokers() && brokers > LocalAddressing.PORTS_PER_LISTENER) {
            problems.add("spec.brokers.replicas: the local runtime runs at most " + LocalAddressing.PORTS_PER_LISTENER
                    + " brokers; asked for " + brokers);
        }
        if (portBase != null && portBase != applied.basePort()) {
            problems.add("--port-base: the cluster listens on ports from " + applied.basePort() + ", which are"
                    + " written into its quorum metadata; omit --port-base, or create a new cluster");
        }
        return problems;
    }

    /** For people: "brokers.config: num.io.threads 8 -> 9, + log.retention.hours=72". */
    static List<String> configChanges(ClusterSpec before, ClusterSpec after) {
        List<String> changes = new ArrayList<>();
        for (NodeRole role : NodeRole.values()) {
            Map<String, String> old = before.role(role).config();
            Map<String, String> now = after.role(role).config();
            List<String> keys = new ArrayList<>();
            TreeSet<String> all = new TreeSet<>(old.keySet());
            all.addAll(now.keySet());
            for (String key : all) {
                if (!old.containsKey(key)) {
                    keys.add("+ " + key + "=" + now.get(key));
                } else if (!now.containsKey(key)) {
                    keys.add("- " + key);
                } else if (!Objects.equals(old.get(key), now.get(key))) {
                    keys.add(key + " " + old.get(key) + " -> " + now.get(key));
                }
            }
            if (!keys.isEmpty()) {
                changes.add(role.label() + "s.config: " + String.join(", ", keys));
            }
        }
        return changes;
    }
}
