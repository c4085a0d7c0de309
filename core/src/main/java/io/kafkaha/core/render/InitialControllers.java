package io.kafkaha.core.render;

import io.kafkaha.core.spec.NodeRole;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.Uuid;

/**
 * The {@code --initial-controllers} value every node is formatted with (KIP-853 dynamic quorum):
 * {@code id@host:port:directoryId} per controller. Directory ids are derived from the cluster id and node id,
 * so every node computes the same list without sharing state, and a re-rendered list never changes.
 */
public final class InitialControllers {
    private InitialControllers() {
    }

    public static String render(String clusterId, int controllers, NodeAddressing addressing) {
        return IntStream.range(0, controllers)
                .mapToObj(ordinal -> NodeRole.CONTROLLER.nodeId(ordinal) + "@"
                        + addressing.hostPort(Listener.CONTROLLER, ordinal) + ":"
                        + directoryId(clusterId, NodeRole.CONTROLLER.nodeId(ordinal)))
                .collect(Collectors.joining(","));
    }

    /** A stable, non-reserved Kafka Uuid for the metadata directory of {@code nodeId}. */
    static Uuid directoryId(String clusterId, int nodeId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((clusterId + "/" + nodeId).getBytes(StandardCharsets.UTF_8));
            ByteBuffer buffer = ByteBuffer.wrap(hash);
            // The top bit set keeps it clear of Kafka's reserved ids, which are all small numbers.
            return new Uuid(buffer.getLong() | Long.MIN_VALUE, buffer.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
