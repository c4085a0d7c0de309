package io.kafkaha.core.plan;

/**
 * What a node runs, reduced to what decides whether it must restart: compared between what a node was started
 * with and what the spec now renders for it ({@link SpecDiff}). Each part is a short text or digest; {@code null}
 * means "not known", which never by itself asks for a restart.
 *
 * @param version         the Kafka version
 * @param image           the container image (the local runtime has none)
 * @param configHash      digest of the role's rendered {@code server.properties}
 * @param startScriptHash digest of the start script
 * @param resources       the container's resources, rendered canonically
 * @param restartToken    the last restart a user asked for (any change restarts)
 */
public record NodeFingerprint(String version, String image, String configHash, String startScriptHash,
                              String resources, String restartToken) {
}
