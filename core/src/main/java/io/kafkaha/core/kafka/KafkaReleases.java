package io.kafkaha.core.kafka;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * What kafka-ha knows of Kafka releases, from Kafka's own {@link MetadataVersion}: the highest
 * {@code metadata.version} each release runs (e.g. 4.3.1 runs up to 4.3-IV0) and the names of feature levels.
 */
public final class KafkaReleases {
    public static final String METADATA_VERSION = "metadata.version";
    /**
     * The Kafka 4 releases published (image {@code apache/kafka:<version>}, jars on Maven Central) when this
     * kafka-ha was built; other versions are refused, since pods would pull an image that does not exist.
     */
    public static final List<String> PUBLISHED = List.of("4.0.0", "4.0.1", "4.0.2", "4.1.0", "4.1.1", "4.1.2",
            "4.2.0", "4.2.1", "4.2.2", "4.3.0", "4.3.1", "4.4.0");
    private static final Pattern RELEASE = Pattern.compile("(\\d+\\.\\d+)\\.\\d+");

    private KafkaReleases() {
    }

    /** The highest metadata.version level Kafka {@code version} ("4.4.0") runs; empty for an unknown release. */
    public static Optional<Short> metadataLevel(String version) {
        Matcher release = RELEASE.matcher(version == null ? "" : version);
        if (!release.matches()) {
            return Optional.empty();
        }
        try {
            MetadataVersion latest = MetadataVersion.fromVersionString(release.group(1), false);
            return latest.isProduction() ? Optional.of(latest.featureLevel()) : Optional.empty();
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    public static boolean isPublished(String version) {
        return PUBLISHED.contains(version);
    }

    /** The level of a metadata.version name such as "4.4-IV2"; empty if unknown. */
    public static Optional<Short> levelOf(String name) {
        try {
            return Optional.of(MetadataVersion.fromVersionString(name, true).featureLevel());
        } catch (IllegalArgumentException | NullPointerException unknown) {
            return Optional.empty();
        }
    }

    /** "4.4-IV2" for level 33; the number itself for a level this Kafka does not know. */
    public static String metadataName(int level) {
        try {
            return MetadataVersion.fromFeatureLevel((short) level).version();
        } catch (IllegalArgumentException unknown) {
            return "level " + level;
        }
    }
}
