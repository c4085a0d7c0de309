package io.kafkaha.core.plan;

import io.kafkaha.core.kafka.ClusterHealth;
import io.kafkaha.core.kafka.HealthVerdict;
import io.kafkaha.core.kafka.KafkaReleases;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * The last step of a Kafka version upgrade: raising the cluster's {@code metadata.version} to the new release's.
 * Raised only when every node runs the new version, no restart is pending and the cluster is fully redundant
 * ({@link HealthVerdict#isFullyRedundant()}), so a roll back to the old version stays possible until then; once
 * raised it cannot be lowered, and a downgrade below it is refused.
 *
 * @param level the feature level to raise {@code metadata.version} to
 * @param name  its name, e.g. "4.4-IV2"
 */
public record MetadataUpgrade(short level, String name) {

    /**
     * @param runningVersions the Kafka versions the nodes run now
     * @param targetVersion   the version the spec asks for
     * @param rollDone        no node has a pending restart
     */
    public static Optional<MetadataUpgrade> next(Collection<String> runningVersions, String targetVersion,
                                                 boolean rollDone, ClusterHealth health, HealthVerdict verdict) {
        Optional<Short> target = KafkaReleases.metadataLevel(targetVersion);
        if (target.isEmpty() || !rollDone || !Set.copyOf(runningVersions).equals(Set.of(targetVersion))
                || !verdict.isFullyRedundant() || health.metadataVersionLevel() < 0
                || health.metadataVersionLevel() >= target.get()) {
            return Optional.empty();
        }
        return Optional.of(new MetadataUpgrade(target.get(), KafkaReleases.metadataName(target.get())));
    }
}
