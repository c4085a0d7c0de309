package io.kafkaha.cli.drill;

import io.kafkaha.core.spec.NodeRole;

/** A node a fault can act on: its name as the runtime knows it and its Kafka node id. */
public record DrillNode(String name, int nodeId, NodeRole role) {
}
