package io.kafkaha.cli.local;

import io.kafkaha.cli.drill.DrillNode;
import io.kafkaha.cli.drill.DrillTarget;
import io.kafkaha.cli.drill.FaultNotInjected;
import io.kafkaha.cli.drill.KafkaView;
import io.kafkaha.core.kafka.ClientSettings;
import io.kafkaha.core.kafka.ClusterHealth;
import io.kafkaha.core.render.NodePlan;
import io.kafkaha.core.spec.NodeRole;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;

/**
 * A local cluster as a drill's target: faults act on the nodes' processes through their pid files (SIGKILL,
 * SIGSTOP/SIGCONT), on an isolated cluster's network links ({@link IsolatedNetwork}), and start nodes as
 * {@code local start} does, supervisor included, so a killed broker is fenced at once and the drill shows what
 * users of this runtime get.
 */
public final class LocalDrillTarget implements DrillTarget {
    private static final Duration EXIT_WAIT = Duration.ofSeconds(30);

    private final LocalCluster cluster;
    private final PrintWriter notes;
    private final Admin admin;
    private final Map<DrillNode, ProcessHandle> paused = new ConcurrentHashMap<>();
    private final Set<DrillNode> isolated = ConcurrentHashMap.newKeySet();

    public LocalDrillTarget(LocalCluster cluster, PrintWriter notes) {
        this.cluster = cluster;
        this.notes = notes;
        this.admin = Admin.create(ClientSettings.probingAdmin(cluster.bootstrapServers()));
    }

    /** Whether the supervisor that fences dead brokers at once runs (see docs/local.md). */
    public boolean fastFencing() {
        return LocalSupervisor.process(cluster).running().isPresent();
    }

    @Override
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public List<DrillNode> brokers() {
        return nodes(NodeRole.BROKER);
    }

    @Override
    public List<DrillNode> controllers() {
        return nodes(NodeRole.CONTROLLER);
    }

    private List<DrillNode> nodes(NodeRole role) {
        return cluster.nodes().stream().filter(node -> node.role() == role)
                .map(node -> new DrillNode(node.name(), node.nodeId(), node.role())).toList();
    }

    @Override
    public ClusterHealth health() {
        return KafkaView.of(admin, "cluster '" + cluster.state().name() + "'");
    }

    @Override
    public void kill(Collection<DrillNode> nodes) {
        List<ProcessHandle> processes = new ArrayList<>();
        for (DrillNode node : nodes) {
            processes.add(running(node));
        }
        processes.forEach(ProcessHandle::destroyForcibly); // all signalled before any is waited for
        for (ProcessHandle process : processes) {
            try {
                process.onExit().get(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new FaultNotInjected("interrupted while killing nodes", interrupted);
            } catch (ExecutionException | TimeoutException stuck) {
                throw new FaultNotInjected("pid " + process.pid() + " did not exit " + EXIT_WAIT.toSeconds()
                        + " s after SIGKILL", stuck);
            }
        }
    }

    @Override
    public Optional<String> cannotPause() {
        return Optional.empty();
    }

    @Override
    public void pause(DrillNode node) {
        ProcessHandle process = running(node);
        signal("STOP", process);
        paused.put(node, process);
    }

    @Override
    public void resume(DrillNode node) {
        ProcessHandle process = paused.remove(node);
        if (process != null) {
            signal("CONT", process);
        }
    }

    @Override
    public Optional<String> cannotIsolate() {
        if (cluster.network().isEmpty()) {
            return Optional.of("not possible: start the cluster with 'local up --isolated' (cluster '"
                    + cluster.state().name() + "' shares the host's network; an isolated cluster is a new one:"
                    + " 'kafka-ha local up --isolated --name NAME', as root)");
        }
        return IsolatedNetwork.unavailable();
    }

    @Override
    public void isolate(DrillNode node) {
        running(node);
        network().cut(cluster.node(node.name()));
        isolated.add(node);
    }

    @Override
    public void reconnect(DrillNode node) {
        if (isolated.remove(node)) {
            network().reconnect(cluster.node(node.name()));
        }
    }

    private IsolatedNetwork network() {
        return cluster.network().orElseThrow(() -> new FaultNotInjected(cannotIsolate().orElse("not isolated")));
    }

    @Override
    public void start(Collection<DrillNode> nodes, Duration timeout) {
        List<NodePlan> plans = nodes.stream().map(node -> cluster.node(node.name())).toList();
        cluster.writeConfig();
        KafkaInstallation kafka = cluster.kafka(notes);
        for (NodePlan plan : plans) {
            if (!cluster.isRunning(plan)) {
                cluster.launch(plan, kafka);
            }
        }
        // The supervisor exits when every node is down (cluster-kill); started nodes bring it back.
        LocalSupervisor.ensureRunning(cluster);
        new ReadinessWait(cluster, kafka, notes).awaitCluster(plans, timeout);
        LocalSupervisor.ensureRunning(cluster);
    }

    /** Resumes and reconnects every node: a drill cut short must not leave a frozen or cut-off broker behind. */
    @Override
    public void close() {
        new ArrayList<>(paused.keySet()).forEach(this::resume);
        new ArrayList<>(isolated).forEach(this::reconnect);
        admin.close(Duration.ofSeconds(5));
    }

    private ProcessHandle running(DrillNode node) {
        return cluster.process(cluster.node(node.name())).running().orElseThrow(() -> new FaultNotInjected(
                node.name() + " is not running; start it with 'kafka-ha local start " + node.name()
                        + ClusterSelection.flagsFor(cluster) + "'"));
    }

    private static void signal(String signal, ProcessHandle process) {
        try {
            int exit = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start()
                    .waitFor();
            if (exit != 0) {
                throw new FaultNotInjected("'kill -" + signal + " " + process.pid() + "' exited with " + exit);
            }
        } catch (IOException failed) {
            throw new FaultNotInjected("cannot run 'kill -" + signal + "': " + failed.getMessage(), failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new FaultNotInjected("interrupted while sending SIG" + signal, interrupted);
        }
    }
}
