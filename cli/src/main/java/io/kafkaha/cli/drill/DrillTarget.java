package io.kafkaha.cli.drill;

import io.kafkaha.core.kafka.ClusterHealth;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The running cluster a drill injects faults into, as the faults see it: its nodes and the few things that can be
 * done to them. Implemented by a runtime ({@code cli.local.LocalDrillTarget}); faults stay runtime-neutral.
 * Every method that fails throws {@link FaultNotInjected} with what went wrong.
 */
public interface DrillTarget extends AutoCloseable {
    String bootstrapServers();

    List<DrillNode> brokers();

    List<DrillNode> controllers();

    /** Kafka's view of the cluster now; {@link FaultNotInjected} when no broker answers. */
    ClusterHealth health();

    /** SIGKILLs every node given at once (signals all first, then waits for each to be gone). */
    void kill(Collection<DrillNode> nodes);

    /** What {@link #kill} does, for the reports: {@code SIGKILL}, or e.g. deleting the node's pod. */
    default String killWord() {
        return "SIGKILL";
    }

    /**
     * Empty when killed nodes stay down until {@link #start}; otherwise why not (a Kubernetes StatefulSet re-creates
     * a deleted pod at once), and then {@code --down-seconds} does not apply.
     */
    default Optional<String> cannotKeepDown() {
        return Optional.empty();
    }

    /** Whether {@link #pause} works here; when it does not, the reason. */
    Optional<String> cannotPause();

    /** Freezes the node's process (SIGSTOP): alive, holding its sockets, answering nothing. */
    void pause(DrillNode node);

    /** Lets a paused node run again (SIGCONT). */
    void resume(DrillNode node);

    /** Whether {@link #isolate} works here; when it does not, the reason and how to get a cluster where it does. */
    Optional<String> cannotIsolate();

    /** Cuts the node off the network in both directions; its process runs on. */
    void isolate(DrillNode node);

    /** Connects an isolated node again. */
    void reconnect(DrillNode node);

    /** Starts the nodes again and waits until the cluster serves with them, at most {@code timeout}. */
    void start(Collection<DrillNode> nodes, Duration timeout);

    /** Undoes what a fault left behind when the drill is cut short: resumes paused nodes, reconnects isolated ones. */
    @Override
    void close();
}
