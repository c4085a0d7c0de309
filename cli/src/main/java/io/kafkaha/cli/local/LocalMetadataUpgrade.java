package io.kafkaha.cli.local;

import io.kafkaha.cli.UserError;
import io.kafkaha.core.BuildInfo;
import io.kafkaha.core.kafka.ClientSettings;
import io.kafkaha.core.kafka.ClusterHealth;
import io.kafkaha.core.kafka.ClusterInspector;
import io.kafkaha.core.kafka.HealthVerdict;
import io.kafkaha.core.kafka.KafkaReleases;
import io.kafkaha.core.plan.MetadataUpgrade;
import io.kafkaha.core.plan.NodeFingerprint;
import io.kafkaha.core.render.NodePlan;
import io.kafkaha.core.spec.NodeRole;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;

/**
 * The local runtime's side of a Kafka version change, the same rules as the operator's: a version below the
 * cluster's raised {@code metadata.version} is refused before anything changes, and once every node runs the new
 * version and the cluster is fully redundant, {@code metadata.version} is raised ({@link MetadataUpgrade}).
 */
final class LocalMetadataUpgrade {
    private static final Duration POLL = Duration.ofMillis(500);

    private LocalMetadataUpgrade() {
    }

    /** Refuses {@code version} if the running cluster's metadata.version is above what it can run. */
    static void refuseDowngrade(LocalCluster cluster, String version) {
        Optional<Short> supported = KafkaReleases.metadataLevel(version);
        Optional<ClusterHealth> health = cluster.inspectKafka();
        if (supported.isEmpty() || health.isEmpty() || health.get().metadataVersionLevel() <= supported.get()) {
            return;
        }
        String running = KafkaReleases.metadataName(health.get().metadataVersionLevel());
        throw new UserError("cannot go back to Kafka " + version + ": cluster '" + cluster.state().name() + "' has"
                + " metadata.version " + running + " already, which Kafka " + version + " cannot read, and Kafka"
                + " never lowers it; nothing was changed. Keep a version of release "
                + running.substring(0, running.indexOf('-')) + " or newer");
    }

    /**
     * After a roll: raises metadata.version if every node runs the cluster's version and it is below that
     * version's, first waiting (up to {@code timeout}) until the node restarted last is back in sync.
     */
    static void raiseIfDue(LocalCluster cluster, PrintWriter out, Duration timeout) {
        String version = cluster.state().version() != null ? cluster.state().version() : BuildInfo.kafkaVersion();
        List<String> running = cluster.nodes().stream().map(node -> runningVersion(cluster, node)).distinct()
                .toList();
        Optional<Short> target = KafkaReleases.metadataLevel(version);
        if (!running.equals(List.of(version)) || target.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(ClientSettings.admin(cluster.bootstrapServers()))) {
            ClusterInspector inspector = new ClusterInspector(admin);
            ClusterHealth health = inspector.inspect();
            HealthVerdict verdict = judge(cluster, health);
            String lastWait = null;
            while (health.metadataVersionLevel() >= 0 && health.metadataVersionLevel() < target.get()
                    && !verdict.isFullyRedundant()) {
                if (!verdict.summary().equals(lastWait)) {
                    out.println("waiting before raising metadata.version: " + verdict.summary());
                    out.flush();
                    lastWait = verdict.summary();
                }
                if (System.nanoTime() > deadline) {
                    throw new UserError("every node runs Kafka " + version + ", but the cluster did not get fully in"
                            + " sync within " + timeout.toSeconds() + "s (" + verdict.summary() + "), so"
                            + " metadata.version stays " + KafkaReleases.metadataName(health.metadataVersionLevel())
                            + "; run the same 'kafka-ha local up -f' again to finish the upgrade");
                }
                Thread.sleep(POLL.toMillis());
                health = inspector.inspect();
                verdict = judge(cluster, health);
            }
            Optional<MetadataUpgrade> upgrade = MetadataUpgrade.next(running, version, true, health, verdict);
            if (upgrade.isPresent()) {
                inspector.raiseMetadataVersion(upgrade.get().level());
                out.println("Raised metadata.version from " + KafkaReleases.metadataName(
                        health.metadataVersionLevel()) + " to " + upgrade.get().name() + ": every node runs Kafka "
                        + version + "; versions before it can no longer run this cluster.");
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while raising metadata.version; run the command again to finish");
        } catch (UserError e) {
            throw e;
        } catch (Exception e) {
            throw new UserError("every node runs Kafka " + version + ", but metadata.version could not be raised ("
                    + e.getMessage() + "); run the same 'kafka-ha local up -f' again to finish the upgrade", e);
        }
    }

    private static HealthVerdict judge(LocalCluster cluster, ClusterHealth health) {
        return HealthVerdict.judge(health, ids(cluster, NodeRole.BROKER), ids(cluster, NodeRole.CONTROLLER));
    }

    private static String runningVersion(LocalCluster cluster, NodePlan node) {
        return cluster.fingerprints().started(node.name()).map(NodeFingerprint::version)
                .orElse(BuildInfo.kafkaVersion());
    }

    private static List<Integer> ids(LocalCluster cluster, NodeRole role) {
        return cluster.nodes().stream().filter(node -> node.role() == role).map(NodePlan::nodeId).toList();
    }
}
