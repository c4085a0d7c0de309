package io.kafkaha.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Condition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the operator observed, written only by the operator through the status subresource. Fields it does not
 * know (written by a newer operator) are ignored rather than fatal: status is not the user's input. For the same
 * reason a status that does not read at all (a field of another type) reads as none ({@link LenientReader}), and
 * the next reconciliation writes a new one.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"conditions", "observedGeneration", "bootstrapServers", "brokers", "readyBrokers",
        "desiredBrokers", "controllers", "readyControllers", "desiredControllers", "clusterId", "version",
        "runningVersions", "metadataVersion", "roll", "brokerScaling"})
public class KafkaClusterStatus {
    /** Condition type: the cluster serves clients with all desired nodes ready. */
    public static final String READY = "Ready";
    /** Condition type: a rolling restart is under way (True) or every pod runs the current spec (False). */
    public static final String ROLLING = "Rolling";
    /** Condition type: the applied spec has settings that work but risk data or availability (True), or none. */
    /** Whether the KRaft voters are the controllers the spec asks for, or what the change to them is doing. */
    public static final String CONTROLLER_QUORUM = "ControllerQuorum";
    /** Whether the brokers are the spec's count, or what a change to them is doing (moving partitions, ...). */
    public static final String BROKER_SCALING = "BrokerScaling";
    public static final String WARNINGS = "Warnings";

    @JsonPropertyDescription("Latest observations of the cluster's state. Ready is True when every desired"
            + " controller and broker is ready; when False, reason and message say why, naming the spec field to"
            + " fix when the spec is refused. Each condition's observedGeneration is the spec generation it"
            + " describes.")
    private List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("The metadata.generation of the spec the operator last acted on.")
    private Long observedGeneration;

    @JsonPropertyDescription("host:port list clients use as bootstrap.servers, e.g."
            + " <name>.<namespace>.svc:9092.")
    private String bootstrapServers;

    @JsonPropertyDescription("Brokers that are ready.")
    private Integer readyBrokers;

    @JsonPropertyDescription("Brokers the applied spec asks for.")
    private Integer desiredBrokers;

    @JsonPropertyDescription("Controllers that are ready.")
    private Integer readyControllers;

    @JsonPropertyDescription("Controllers the applied spec asks for.")
    private Integer desiredControllers;

    @JsonPropertyDescription("Kafka's cluster.id, fixed when the cluster's storage was first formatted.")
    private String clusterId;

    @JsonPropertyDescription("Kafka version the applied spec asks for; runningVersions says what the nodes run.")
    private String version;

    @JsonPropertyDescription("Kafka versions the nodes run now, e.g. [4.3.1, 4.4.0] during an upgrade.")
    private List<String> runningVersions;

    @JsonPropertyDescription("The cluster's metadata.version, e.g. 4.4-IV2. Raised by the operator once every node"
            + " runs a new Kafka version; from then on a downgrade below that release is refused.")
    private String metadataVersion;

    @JsonPropertyDescription("The rolling restart in progress, if any: since when it waits and which pod it"
            + " restarted last. The Rolling condition says what it does now.")
    private RollStatus roll;

    @JsonPropertyDescription("The broker scaling in progress that moves partitions, if any: how many moves in all"
            + " and since when none finished. The BrokerScaling condition says what it does now.")
    private BrokerScalingStatus brokerScaling;

    public KafkaClusterStatus() {
    }

    /** "ready/desired" brokers, for kubectl's BROKERS column; derived, so it never disagrees with the counts. */
    @JsonProperty(value = "brokers", access = JsonProperty.Access.READ_ONLY)
    @JsonPropertyDescription("Ready/desired brokers, e.g. 3/3 (derived from readyBrokers and desiredBrokers).")
    public String getBrokers() {
        return readiness(readyBrokers, desiredBrokers);
    }

    /** "ready/desired" controllers, for kubectl's CONTROLLERS column. */
    @JsonProperty(value = "controllers", access = JsonProperty.Access.READ_ONLY)
    @JsonPropertyDescription("Ready/desired controllers, e.g. 3/3 (derived from readyControllers and"
            + " desiredControllers).")
    public String getControllers() {
        return readiness(readyControllers, desiredControllers);
    }

    private static String readiness(Integer ready, Integer desired) {
        if (ready == null && desired == null) {
            return null;
        }
        return (ready != null ? ready : 0) + "/" + (desired != null ? desired : 0);
    }

    /** The condition of the given type, if the operator has set it. */
    public Optional<Condition> condition(String type) {
        return conditions == null ? Optional.empty()
                : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public String getBootstrapServers() {
        return bootstrapServers;
    }

    public void setBootstrapServers(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public Integer getReadyBrokers() {
        return readyBrokers;
    }

    public void setReadyBrokers(Integer readyBrokers) {
        this.readyBrokers = readyBrokers;
    }

    public Integer getDesiredBrokers() {
        return desiredBrokers;
    }

    public void setDesiredBrokers(Integer desiredBrokers) {
        this.desiredBrokers = desiredBrokers;
    }

    public Integer getReadyControllers() {
        return readyControllers;
    }

    public void setReadyControllers(Integer readyControllers) {
        this.readyControllers = readyControllers;
    }

    public Integer getDesiredControllers() {
        return desiredControllers;
    }

    public void setDesiredControllers(Integer desiredControllers) {
        this.desiredControllers = desiredControllers;
    }

    public String getClusterId() {
        return clusterId;
    }

    public void setClusterId(String clusterId) {
        this.clusterId = clusterId;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public List<String> getRunningVersions() {
        return runningVersions;
    }

    public void setRunningVersions(List<String> runningVersions) {
        this.runningVersions = runningVersions;
    }

    public String getMetadataVersion() {
        return metadataVersion;
    }

    public void setMetadataVersion(String metadataVersion) {
        this.metadataVersion = metadataVersion;
    }

    public RollStatus getRoll() {
        return roll;
    }

    public void setRoll(RollStatus roll) {
        this.roll = roll;
    }

    /** Reads a status, or none when it does not read, instead of an exception that would stop the informer. */
    static final class LenientReader extends JsonDeserializer<KafkaClusterStatus> {
        @Override
        public KafkaClusterStatus deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode json = context.readTree(parser);
            try {
                return context.readTreeAsValue(json, KafkaClusterStatus.class);
            } catch (JsonMappingException e) {
                return null;
            }
        }
    }

    public BrokerScalingStatus getBrokerScaling() {
        return brokerScaling;
    }

    public void setBrokerScaling(BrokerScalingStatus brokerScaling) {
        this.brokerScaling = brokerScaling;
    }
}
