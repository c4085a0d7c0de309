package io.kafkaha.cli.local;

import io.kafkaha.core.plan.NodeFingerprint;
import io.kafkaha.core.render.NodePlan;
import io.kafkaha.core.render.RenderedCluster;
import io.kafkaha.core.render.StartOnlySettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a local node should run, as a {@link NodeFingerprint}: digests of its role's rendered
 * {@code server.properties} together with its own environment (what a pod template gives it), and of the start
 * script. Pure. The local runtime has no image and no resources, so those parts stay unknown.
 */
final class DesiredFingerprint {
    private DesiredFingerprint() {
    }

    /**
     * @param version      the Kafka version, or {@code null} if not known
     * @param restartToken the last restart asked for this node ({@link NodeFingerprints#NO_REQUEST} if none)
     */
    static NodeFingerprint of(RenderedCluster rendered, NodePlan node, String version, String restartToken) {
        // Start-only settings change with the controller count; a scaled cluster must not restart every node.
        String config = StartOnlySettings.withoutStartOnly(rendered.configFile(node.role())) + "\n# env\n"
                + StartOnlySettings.withoutStartOnly(node.env());
        return new NodeFingerprint(version, null, digest(config), digest(rendered.startScript()), null,
                restartToken);
    }

    static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
