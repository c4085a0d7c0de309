#!/bin/sh
# kafka-ha node start script. Runs as the entrypoint of every controller and broker pod (shipped in a ConfigMap)
# and, unchanged, as every node of the local runtime. POSIX sh: the official apache/kafka image is Alpine-based.
#
# Environment (set by the runtime; see StartScript.java):
#   KAFKA_HA_NODE_NAME        pod name, <cluster>-<role>-<ordinal>; defaults to the host name, as in a pod
#   KAFKA_HA_ROLE             controller | broker
#   KAFKA_HA_NODE_ID_OFFSET   node.id = offset + ordinal
#   KAFKA_HA_CLUSTER_ID       Kafka cluster id used when formatting storage
#   KAFKA_HA_INITIAL_CONTROLLERS  id@host:port:directory-id,... of the quorum the cluster was formed with
#                             (KIP-853); a controller not in it joins an existing quorum as an observer
#   KAFKA_HA_BIND_HOST        interface to listen on; empty means all
#   KAFKA_HA_ADVERTISED_HOST  name under which other nodes and clients reach this node
#   KAFKA_HA_CLIENT_PORT, KAFKA_HA_REPLICATION_PORT (brokers), KAFKA_HA_CONTROLLER_PORT (controllers)
#   KAFKA_HA_CONFIG_DIR       holds <role>.properties rendered by kafka-ha
#   KAFKA_HA_WORK_DIR         writable directory for the effective server.properties
#   KAFKA_HA_DATA_DIR         the node's persistent volume
#   KAFKA_HOME                Kafka installation (default /opt/kafka)
set -eu

fail() {
    echo "kafka-ha start: $*" >&2
    exit 2
}

: "${KAFKA_HOME:=/opt/kafka}"
name="${KAFKA_HA_NODE_NAME:-$(hostname)}"
ordinal="${name##*-}"
case "$ordinal" in
    '' | *[!0-9]*) fail "cannot read an ordinal from node name '$name' (expected <cluster>-<role>-<number>)" ;;
esac
node_id=$((KAFKA_HA_NODE_ID_OFFSET + ordinal))
role="$KAFKA_HA_ROLE"
base_config="$KAFKA_HA_CONFIG_DIR/$role.properties"
[ -r "$base_config" ] || fail "missing $base_config (the role's rendered configuration)"
log_dir="$KAFKA_HA_DATA_DIR/kafka-logs"
config="$KAFKA_HA_WORK_DIR/server.properties"
mkdir -p "$KAFKA_HA_WORK_DIR" "$log_dir"

bind="${KAFKA_HA_BIND_HOST:-}"
host="$KAFKA_HA_ADVERTISED_HOST"
case "$role" in
    controller)
        listeners="CONTROLLER://$bind:$KAFKA_HA_CONTROLLER_PORT"
        advertised="CONTROLLER://$host:$KAFKA_HA_CONTROLLER_PORT"
        ;;
    broker)
        listeners="REPLICATION://$bind:$KAFKA_HA_REPLICATION_PORT,CLIENT://$bind:$KAFKA_HA_CLIENT_PORT"
        advertised="REPLICATION://$host:$KAFKA_HA_REPLICATION_PORT,CLIENT://$host:$KAFKA_HA_CLIENT_PORT"
        ;;
    *) fail "unknown role '$role' (expected controller or broker)" ;;
esac

# Written to a temporary file first so a node killed mid-write never starts from half a config.
{
    cat "$base_config"
    echo
    echo "# Node-specific settings written by start-kafka.sh"
    echo "node.id=$node_id"
    echo "listeners=$listeners"
    echo "advertised.listeners=$advertised"
    echo "log.dirs=$log_dir"
} > "$config.tmp"
mv "$config.tmp" "$config"

# Format once: meta.properties marks formatted storage, so restarts skip the tool (and its JVM) entirely.
# --ignore-formatted keeps a retry after a crash mid-format harmless.
if [ ! -f "$log_dir/meta.properties" ]; then
    echo "kafka-ha start: formatting $log_dir for node $node_id of cluster $KAFKA_HA_CLUSTER_ID"
    if [ "$role" = controller ]; then
        case ",$KAFKA_HA_INITIAL_CONTROLLERS" in
            *",$node_id@"*)
                "$KAFKA_HOME/bin/kafka-storage.sh" format --ignore-formatted --config "$config" \
                    --cluster-id "$KAFKA_HA_CLUSTER_ID" --initial-controllers "$KAFKA_HA_INITIAL_CONTROLLERS"
                ;;
            *)
                # Not one of the controllers the cluster was formed with: it joins the running quorum as an
                # observer, and becomes a voter once kafka-ha adds it (Admin addRaftVoter).
                echo "kafka-ha start: node $node_id joins the existing quorum as an observer"
                "$KAFKA_HOME/bin/kafka-storage.sh" format --ignore-formatted --config "$config" \
                    --cluster-id "$KAFKA_HA_CLUSTER_ID" --no-initial-controllers
                ;;
        esac
    else
        "$KAFKA_HOME/bin/kafka-storage.sh" format --ignore-formatted --config "$config" \
            --cluster-id "$KAFKA_HA_CLUSTER_ID"
    fi
fi

echo "kafka-ha start: starting $role $name as node $node_id"
# exec: Kafka becomes this process, so SIGTERM reaches it directly and triggers a controlled shutdown.
exec "$KAFKA_HOME/bin/kafka-server-start.sh" "$config"
