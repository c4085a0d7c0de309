package io.kafkaha.operator;

import io.kafkaha.core.render.ClusterNaming;
import io.kafkaha.core.render.RenderedCluster;
import io.kafkaha.core.render.StartScript;
import io.kafkaha.core.spec.NodeRole;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A digest of the ConfigMap content one role's pods read, put on that role's pod template. A config change then
 * shows as a template change, i.e. a new StatefulSet revision whose pods the operator restarts one at a time
 * (updateStrategy OnDelete). Per role, so a broker setting does not make controllers look outdated.
 */
public final class ConfigHash {
    public static final String ANNOTATION = "kafkaha.io/config-hash";

    private ConfigHash() {
    }

    public static String forRole(RenderedCluster rendered, NodeRole role) {
        MessageDigest digest = sha256();
        // Each entry as key, NUL, value, NUL: no two different contents hash the same input.
        update(digest, StartScript.FILE_NAME, rendered.startScript());
        update(digest, ClusterNaming.roleConfigFile(role), rendered.configFile(role));
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
