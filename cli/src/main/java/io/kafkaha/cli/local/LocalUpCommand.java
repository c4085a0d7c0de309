package io.kafkaha.cli.local;

import io.kafkaha.cli.UserError;
import io.kafkaha.core.kafka.ClusterHealth;
import io.kafkaha.core.render.LocalAddressing;
import io.kafkaha.core.render.NodePlan;
import io.kafkaha.core.spec.ClusterSpec;
import io.kafkaha.core.spec.RoleSpec;
import io.kafkaha.core.spec.SpecValidator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.common.Uuid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code local up}: create the cluster on first use, start whatever is not running, return once Kafka reports
 * the cluster ready. Running it again on a running cluster changes nothing.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start a local cluster (creating it on first use) and wait until it serves.")
public class LocalUpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ClusterSelection selection;

    @Option(names = "--brokers", paramLabel = "N", description = "Brokers (default: 3).")
    Integer brokers;

    @Option(names = "--controllers", paramLabel = "N",
            description = "KRaft controllers, the quorum that replaces ZooKeeper (default: 3).")
    Integer controllers;

    @Option(names = "--port-base", paramLabel = "PORT", description = "Broker N serves clients on PORT+N,"
            + " replicates on PORT+100+N; controller N listens on PORT+200+N (default: 9092).")
    Integer portBase;

    @Option(names = "--isolated", description = "Run each node in a network namespace of its own, with its own"
            + " address in 10.213.0.0/16 (needs root): so 'kafka-ha drill' can cut a broker off the network"
            + " (broker-isolate). Fixed when the cluster is created.")
    boolean isolated;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "180",
            description = "How long to wait for the cluster to be ready (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Start or change the cluster a"
            + " KafkaCluster manifest describes (the file you would 'kubectl apply'); on a running cluster a changed"
            + " file is applied with a rolling restart.")
    Path manifest;

    @Option(names = "--roll-timeout", paramLabel = "SECONDS", defaultValue = "600",
            description = "With -f: how long a rolling restart may take before it stops (default: ${DEFAULT-VALUE}).")
    int rollTimeoutSeconds;

    @Override
    public Integer call() {
        refuseBadOptions();
        JavaVersionCheck.require();
        ClusterLayout layout = selection.layout();
        if (manifest != null) {
            return applyManifest();
        }
        Optional<LocalClusterState> existing = LocalClusterState.load(layout);
        if (existing.isEmpty()) {
            NewClusterDir.requireUsable(layout);
        }
        LocalClusterState state = existing.map(this::checkMatches).orElseGet(this::newState);
        LocalCluster cluster = new LocalCluster(layout, state);
        List<NodePlan> stopped = cluster.nodes().stream().filter(node -> !cluster.isRunning(node)).toList();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        KafkaInstallation kafka = cluster.kafka(err);
        if (stopped.isEmpty()) {
            new ReadinessWait(cluster, kafka, err)
                    .awaitCluster(stopped, Duration.ofSeconds(timeoutSeconds));
            superviseFencing(cluster, err);
            out.println("Cluster '" + state.name() + "' is already running.");
            printNextSteps(out, cluster);
            return 0;
        }
        // Every port (or the isolated network's subnet) is checked before anything starts or is saved, so a
        // clash leaves nothing half-done.
        stopped.forEach(cluster::requirePortsFree);
        cluster.network().ifPresent(IsolatedNetwork::ensureBridge);
        if (existing.isEmpty()) {
            state.save(layout);
        }
        cluster.writeConfig();
        err.println("Starting " + stopped.size() + " node(s) of cluster '" + state.name() + "' in " + layout.dir()
                + " ...");
        err.flush();
        stopped.forEach(node -> cluster.launch(node, kafka));
        ClusterHealth health = new ReadinessWait(cluster, kafka, err)
                .awaitCluster(stopped, Duration.ofSeconds(timeoutSeconds));
        superviseFencing(cluster, err);
        out.println("Cluster '" + state.name() + "' is up: " + state.controllers() + " controller(s), quorum leader "
                + health.quorumLeaderId() + "; " + health.brokers().size() + " broker(s).");
        printNextSteps(out, cluster);
        return 0;
    }

    /** Starts the fast-fencing supervisor if it is not running (it may have crashed, or the nodes been killed). */
    private static void superviseFencing(LocalCluster cluster, PrintWriter err) {
        if (LocalSupervisor.disabled()) {
            err.println("Fast fencing is off (" + LocalSupervisor.DISABLE_ENV + "=off): a crashed broker stalls"
                    + " acks=all producers until Kafka's session timeout fences it.");
        } else {
            LocalSupervisor.ensureRunning(cluster);
        }
    }

    /** Options that are wrong whatever the cluster: refused before anything is started or saved. */
    void refuseBadOptions() {
        if (timeoutSeconds <= 0) {
            throw new UserError("--timeout " + timeoutSeconds + " leaves no time for the cluster to start; give the"
                    + " seconds to wait for it, 1 or more (default: 180)");
        }
        if (controllers != null && controllers > 0 && controllers % 2 == 0) {
            // A quorum needs a majority of its voters: 2 survive no failure (and fail twice as often as 1),
            // 4 survive one, as 3 do.
            throw new UserError("--controllers " + controllers + " is even: the KRaft quorum needs a majority of"
                    + " its controllers, so " + controllers + " survive no more failures than " + (controllers - 1)
                    + " and fail more often; use 3 (survives one failure), 5 (two), or 1 for a throwaway cluster");
        }
    }

    private LocalClusterState newState() {
        int base = portBase != null ? portBase : LocalAddressing.DEFAULT_BASE_PORT;
        LocalAddressing addressing = LocalAddressing.loopback(base);
        if (base < 1024 || addressing.lastPort() > 65535) {
            throw new UserError("--port-base " + base + " is out of range; it needs ports " + base + ".."
                    + addressing.lastPort() + ", so choose 1024.." + (65535 - (addressing.lastPort() - base)));
        }
        ClusterSpec requested = new ClusterSpec(selection.name(), RoleSpec.of(orDefault(controllers)),
                RoleSpec.of(orDefault(brokers)));
        SpecValidator.validate(requested);
        for (int replicas : List.of(requested.brokers().replicas(), requested.controllers().replicas())) {
            if (replicas > LocalAddressing.PORTS_PER_LISTENER) {
                throw new UserError("the local runtime runs at most " + LocalAddressing.PORTS_PER_LISTENER
                        + " nodes per role; asked for " + replicas);
            }
        }
        LocalClusterState state = new LocalClusterState(requested.name(), Uuid.randomUuid().toString(),
                requested.controllers().replicas(), requested.brokers().replicas(), addressing.hostAddress(), base);
        if (isolated) {
            IsolatedNetwork.requireAvailable();
            return state.isolate();
        }
        return state;
    }

    /** An existing cluster keeps its shape: its node ids and addresses are baked into its data. */
    private LocalClusterState checkMatches(LocalClusterState state) {
        String where = selection.layout().dir().toString();
        if (!state.name().equals(selection.name())) {
            throw new UserError(where + " already holds cluster '" + state.name() + "'; use --name " + state.name()
                    + " to start it, or another --dir for a new cluster");
        }
        mustMatch("--brokers", brokers, state.brokers(), state);
        mustMatch("--controllers", controllers, state.controllers(), state);
        mustMatch("--port-base", portBase, state.basePort(), state);
        if (isolated && !state.isolated()) {
            throw new UserError("cluster '" + state.name() + "' was created without --isolated; its nodes' addresses"
                    + " are written into its data, so it cannot become isolated. Start it as it is (omit --isolated),"
                    + " or create an isolated cluster under another --name");
        }
        return state;
    }

    private void mustMatch(String option, Integer requested, int actual, LocalClusterState state) {
        if (requested != null && requested != actual && option.equals("--brokers")) {
            throw new UserError("cluster '" + state.name() + "' has " + actual + " brokers; 'up' starts it as it is."
                    + " To change the number of brokers, run 'kafka-ha local scale --brokers " + requested
                    + ClusterSelection.flagsFor(new LocalCluster(selection.layout(), state)) + "'");
        }
        if (requested != null && requested != actual) {
            throw new UserError("cluster '" + state.name() + "' was created with " + option + " " + actual
                    + "; the local runtime cannot change that on an existing cluster. Start it as it is (omit "
                    + option + "), or delete it with 'kafka-ha local down --purge --name " + state.name()
                    + "' and create it anew");
        }
    }

    private static int orDefault(Integer replicas) {
        return replicas != null ? replicas : 3;
    }

    private static void printNextSteps(PrintWriter out, LocalCluster cluster) {
        // Client commands select the cluster by the same --name/--dir as the local ones.
        String select = ClusterSelection.flagsFor(cluster);
        out.println("Bootstrap servers: " + cluster.bootstrapServers());
        out.println();
        out.println("Next steps:");
        String[][] steps = {
            {"kafka-ha topic create messages" + select, "3 replicas, min.insync.replicas=2 by default"},
            {"kafka-ha produce messages" + select, "one record per line; Ctrl-D ends"},
            {"kafka-ha consume messages --from-beginning" + select, ""},
            {"kafka-ha status" + select, "Kafka's view: quorum, brokers, partitions"},
            {"kafka-ha local status" + select, "the nodes as processes"},
            {"kafka-ha local down" + select, "graceful stop; data is kept"}};
        int width = Arrays.stream(steps).mapToInt(step -> step[0].length()).max().orElse(0);
        for (String[] step : steps) {
            out.println(step[1].isEmpty() ? "  " + step[0]
                    : String.format("  %-" + width + "s  # %s", step[0], step[1]));
        }
    }

    /** {@code -f}: the manifest says what the node-count options would. */
    private int applyManifest() {
        if (isolated) {
            throw new UserError("--isolated cannot be combined with -f yet; create the isolated cluster with"
                    + " 'kafka-ha local up --isolated' and its options");
        }
        if (brokers != null || controllers != null) {
            throw new UserError("--brokers and --controllers cannot be combined with -f: the manifest's"
                    + " spec.brokers.replicas and spec.controllers.replicas say how many nodes to run");
        }
        if (rollTimeoutSeconds <= 0) {
            throw new UserError("--roll-timeout must be a positive number of seconds; got " + rollTimeoutSeconds);
        }
        return new LocalApply(selection, portBase, Duration.ofSeconds(timeoutSeconds),
                Duration.ofSeconds(rollTimeoutSeconds), spec.commandLine().getOut(), spec.commandLine().getErr())
                .apply(manifest);
    }
}
