package io.kafkaha.cli.local;

import io.kafkaha.cli.UserError;
import io.kafkaha.core.render.IsolatedAddressing;
import io.kafkaha.core.render.NodePlan;
import io.kafkaha.core.spec.NodeRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The network of an isolated cluster ({@code local up --isolated}): each node runs in a network namespace of its
 * own, joined by a veth pair to the cluster's bridge in the host's namespace, where clients reach it at its
 * address ({@link IsolatedAddressing}). Taking a node's veth down cuts it off in both directions while its
 * process runs on: the {@code broker-isolate} fault of the drill. No route or NAT leads anywhere else.
 * <pre>
 * bridge      kh&lt;slot&gt;            10.213.SLOT.254/24, alias = the cluster's directory (who owns the slot)
 * veth        kh&lt;slot&gt;b&lt;n&gt; / kh&lt;slot&gt;c&lt;n&gt;   host end, on the bridge; "eth0" in the namespace
 * namespace   kafkaha-&lt;slot&gt;-&lt;node name&gt;
 * </pre>
 * Needs root and iproute2's {@code ip}; {@code local down} removes all of it.
 */
public final class IsolatedNetwork {
    private static final String NAMESPACE_PREFIX = "kafkaha-";

    private final LocalCluster cluster;
    private final IsolatedAddressing addressing;

    IsolatedNetwork(LocalCluster cluster) {
        this.cluster = cluster;
        this.addressing = new IsolatedAddressing(cluster.state().basePort());
    }

    /** Why this machine cannot run isolated clusters (not root, no {@code ip}), if so. */
    public static Optional<String> unavailable() {
        try {
            if (!"0".equals(run(List.of("id", "-u")).trim())) {
                return Optional.of("isolated mode creates network namespaces, veth pairs and a bridge, which needs"
                        + " root; run kafka-ha as root (e.g. with sudo), or leave out --isolated");
            }
            run(List.of("ip", "netns", "list"));
            return Optional.empty();
        } catch (UncheckedIOException failed) {
            return Optional.of("isolated mode needs iproute2's 'ip' command (" + failed.getMessage() + "); install"
                    + " it (e.g. 'apt-get install iproute2'), or leave out --isolated");
        }
    }

    static void requireAvailable() {
        unavailable().ifPresent(reason -> {
            throw new UserError(reason);
        });
    }

    String bridge() {
        return "kh" + addressing.slot();
    }

    String subnet() {
        return IsolatedAddressing.PREFIX + addressing.slot() + ".0/" + IsolatedAddressing.PREFIX_LENGTH;
    }

    String namespace(NodePlan node) {
        return NAMESPACE_PREFIX + addressing.slot() + "-" + node.name();
    }

    /** The host's end of the node's veth pair: taking it down cuts the node off. */
    String link(NodePlan node) {
        return bridge() + (node.role() == NodeRole.BROKER ? "b" : "c") + node.ordinal();
    }

    /** {@code command} run in the node's namespace; {@code ip netns exec} execs it, so the pid stays the node's. */
    List<String> inNamespace(NodePlan node, List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("ip", "netns", "exec", namespace(node)));
        wrapped.addAll(command);
        return wrapped;
    }

    /**
     * Creates the bridge unless it exists; refuses when another cluster's bridge holds the subnet (its port base is
     * within 300 of this one's).
     */
    public void ensureBridge() {
        requireAvailable();
        String owner = cluster.layout().dir().toString();
        Optional<String> holder = alias(bridge());
        if (holder.isPresent()) {
            if (!holder.get().equals(owner)) {
                throw new UserError("the addresses " + subnet() + " of this cluster are taken by the isolated"
                        + " cluster in " + holder.get() + " (bridge " + bridge() + "); stop it with 'kafka-ha local"
                        + " down --dir " + holder.get() + "', or create this cluster with a --port-base at least 300"
                        + " away from that one's");
            }
            return;
        }
        ip("link", "add", bridge(), "type", "bridge");
        ip("link", "set", bridge(), "alias", owner);
        ip("addr", "add", addressing.bridgeAddress() + "/" + IsolatedAddressing.PREFIX_LENGTH, "dev", bridge());
        ip("link", "set", bridge(), "up");
    }

    /**
     * The node's namespace and veth pair, created unless they exist, its link up: a drill cut short may have left
     * it down, and the node is about to start.
     */
    void ensureNode(NodePlan node) {
        ensureBridge();
        String namespace = namespace(node);
        if (!namespaces().contains(namespace)) {
            ip("netns", "add", namespace);
        }
        if (!exists(link(node))) {
            ip("link", "add", link(node), "type", "veth", "peer", "name", "eth0", "netns", namespace);
            ip("link", "set", link(node), "master", bridge());
            String address = addressing.host(node.role(), node.ordinal());
            ip("-n", namespace, "addr", "add", address + "/" + IsolatedAddressing.PREFIX_LENGTH, "dev", "eth0");
            ip("-n", namespace, "link", "set", "eth0", "up");
            ip("-n", namespace, "link", "set", "lo", "up");
        }
        reconnect(node);
    }

    /** Cuts the node off: its veth's host end goes down, so nothing passes in either direction. */
    public void cut(NodePlan node) {
        ip("link", "set", link(node), "down");
    }

    /** Connects a cut-off node again. */
    public void reconnect(NodePlan node) {
        ip("link", "set", link(node), "up");
    }

    /**
     * Removes the cluster's namespaces, veth pairs and bridge, once its nodes are stopped (a namespace lives on
     * while a process runs in it). Leaves a bridge another cluster owns alone.
     */
    public void remove() {
        Optional<String> holder = alias(bridge());
        if (holder.isPresent() && !holder.get().equals(cluster.layout().dir().toString())) {
            return;
        }
        String prefix = NAMESPACE_PREFIX + addressing.slot() + "-" + cluster.state().name() + "-";
        for (String link : links()) {
            if (link.matches(bridge() + "[bc][0-9]+")) {
                ip("link", "del", link); // takes its peer in the namespace with it
            }
        }
        for (String namespace : namespaces()) {
            if (namespace.startsWith(prefix)) {
                ip("netns", "del", namespace);
            }
        }
        if (holder.isPresent()) {
            ip("link", "del", bridge());
        }
    }

    private static List<String> namespaces() {
        // "NAME (id: N)" per line
        return run(List.of("ip", "netns", "list")).lines().map(line -> line.split("\\s+")[0])
                .filter(name -> !name.isEmpty()).toList();
    }

    private static List<String> links() {
        // "N: NAME@PEER: <...> ..." per line
        return run(List.of("ip", "-o", "link", "show")).lines().map(line -> line.split(":\\s+")[1].split("@")[0])
                .toList();
    }

    private static boolean exists(String link) {
        return links().contains(link);
    }

    /** The link's alias, empty if it has none or does not exist. */
    private static Optional<String> alias(String link) {
        if (!exists(link)) {
            return Optional.empty();
        }
        return run(List.of("ip", "-o", "link", "show", link)).lines()
                .flatMap(line -> Arrays.stream(line.split("\\\\")))
                .map(String::trim).filter(part -> part.startsWith("alias "))
                .map(part -> part.substring("alias ".length())).findFirst();
    }

    private void ip(String... args) {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        try {
            run(command);
        } catch (UncheckedIOException failed) {
            throw new UserError("the isolated network of cluster '" + cluster.state().name() + "' (" + subnet()
                    + "): " + failed.getMessage(), failed);
        }
    }

    /** Runs a command and returns what it printed; fails with its output when it exits non-zero. */
    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            if (exit != 0) {
                throw new UncheckedIOException(new IOException("'" + String.join(" ", command) + "' exited with "
                        + exit + ": " + output.trim()));
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("cannot run '" + String.join(" ", command) + "': "
                    + e.getMessage(), e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while running '" + String.join(" ", command)
                    + "'"));
        }
    }
}
