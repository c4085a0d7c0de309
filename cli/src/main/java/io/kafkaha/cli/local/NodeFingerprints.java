package io.kafkaha.cli.local;

import io.kafkaha.core.plan.NodeFingerprint;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * Per node, on disk: the {@link NodeFingerprint} it was last started with (written at every launch) and the last
 * restart a user asked for with {@code local roll}. Comparing the first with what the spec now renders is how
 * the local runtime knows which nodes a roll must restart, across CLI runs, as the operator knows it from pod
 * revisions.
 */
final class NodeFingerprints {
    /** The restart token of a node nobody asked to restart. */
    static final String NO_REQUEST = "none";

    private final ClusterLayout layout;

    NodeFingerprints(ClusterLayout layout) {
        this.layout = layout;
    }

    /** What the node was last started with; empty for a node started before kafka-ha recorded it. */
    Optional<NodeFingerprint> started(String node) {
        Path file = layout.fingerprintFile(node);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            return Optional.empty(); // unknown, as for a node that never had one: never restarts it by itself
        }
        return Optional.of(new NodeFingerprint(properties.getProperty("version"), properties.getProperty("image"),
                properties.getProperty("config"), properties.getProperty("start-script"),
                properties.getProperty("resources"), properties.getProperty("restart-token")));
    }

    void recordStarted(String node, NodeFingerprint fingerprint) {
        Properties properties = new Properties();
        put(properties, "version", fingerprint.version());
        put(properties, "image", fingerprint.image());
        put(properties, "config", fingerprint.configHash());
        put(properties, "start-script", fingerprint.startScriptHash());
        put(properties, "resources", fingerprint.resources());
        put(properties, "restart-token", fingerprint.restartToken());
        write(layout.fingerprintFile(node), properties, "what this node was last started with");
    }

    /** The last restart asked for the node, or {@link #NO_REQUEST}. */
    String restartToken(String node) {
        Path file = layout.restartRequestFile(node);
        try {
            return Files.exists(file) ? Files.readString(file).trim() : NO_REQUEST;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    void requestRestart(String node, String token) {
        try {
            Files.createDirectories(layout.nodeDir(node));
            Files.writeString(layout.restartRequestFile(node), token + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + layout.restartRequestFile(node), e);
        }
    }

    private static void put(Properties properties, String key, String value) {
        if (value != null) {
            properties.setProperty(key, value);
        }
    }

    private static void write(Path file, Properties properties, String comment) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer writer = Files.newBufferedWriter(temp)) {
                properties.store(writer, comment);
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
