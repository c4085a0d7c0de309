package io.kafkaha.operator;

import io.kafkaha.core.render.ClusterNaming;
import io.kafkaha.core.render.RenderedCluster;
import io.kafkaha.core.render.StartOnlySettings;
import io.kafkaha.core.render.StartScript;
import io.kafkaha.core.spec.NodeRole;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Digests of the ConfigMap content pods read, put on the pod templates ({@link PodFingerprint}): the role's
 * {@code server.properties} and the start script, each on its own so a restart names which one changed. A change
 * shows as a template change, i.e. a new StatefulSet revision whose pods the operator restarts one at a time
 * (updateStrategy OnDelete). Per role, so a broker setting does not make controllers look outdated.
 */
public final class ConfigHash {
    public static final String ANNOTATION = "kafkaha.io/config-hash";

    private ConfigHash() {
    }

    /** Start-only settings ({@link StartOnlySettings}) are left out: changing the controller count rolls nothing. */
    public static String forRole(RenderedCluster rendered, NodeRole role) {
        return digest(ClusterNaming.roleConfigFile(role),
                StartOnlySettings.withoutStartOnly(rendered.configFile(role)));
    }

    public static String forStartScript(RenderedCluster rendered) {
        return digest(StartScript.FILE_NAME, rendered.startScript());
    }

    private static String digest(String file, String content) {
        MessageDigest digest = sha256();
        // The file's name, NUL, its content, NUL: no two different files hash the same input.
        update(digest, file, content);
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void update(MessageDigest digest, String key, String value) {
        digest.update(key.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(value.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
