package io.kafkaha.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.Map;

/** The brokers: one StatefulSet {@code <name>-broker}, a volume per broker (persistent unless ephemeral). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"replicas", "rebalanceOnScaleUp", "storage", "resources", "config"})
public class BrokersSpec extends NodesSpec {
    public static final String DEFAULT_STORAGE_SIZE = "10Gi";

    @JsonPropertyDescription("Number of brokers. With 3 or more, topics get 3 replicas and min.insync.replicas=2, so"
            + " acks=all writes survive the loss of a broker; with fewer, data has fewer copies. Must be at least"
            + " default.replication.factor if config sets it.")
    @Default("3")
    @Min(1)
    private Integer replicas;

    @JsonPropertyDescription("When replicas is raised, spread existing partitions (replicas and preferred"
            + " leaders) onto the new brokers, throttled, so they carry load at once; false leaves existing partitions"
            + " where they are (new topics use every broker either way). Honoured by the operator and the local"
            + " runtime.")
    @Default("true")
    private Boolean rebalanceOnScaleUp;

    @JsonPropertyDescription("Each broker's volume for its log (the data). Defaults to a 10Gi persistent volume"
            + " of the cluster's default storage class; ephemeral: true keeps it in the pod instead (test clusters).")
    @Default("{\"size\": \"" + DEFAULT_STORAGE_SIZE + "\"}")
    private StorageSpec storage;

    @JsonPropertyDescription("CPU and memory requests and limits of each broker's Kafka container.")
    private ResourceRequirements resources;

    @JsonPropertyDescription("Broker server.properties overrides (string values: quote numbers and booleans),"
            + " layered over kafka-ha's defaults, e.g. {\"num.partitions\": \"6\"}. Keys kafka-ha derives itself"
            + " (node.id, process.roles, listeners, controller.quorum.*, log.dirs, ...) are refused.")
    private Map<String, String> config;

    public BrokersSpec() {
    }

    public BrokersSpec(Integer replicas, StorageSpec storage) {
        this.replicas = replicas;
        this.storage = storage;
    }

    @Override
    public String defaultStorageSize() {
        return DEFAULT_STORAGE_SIZE;
    }

    @Override
    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public Boolean getRebalanceOnScaleUp() {
        return rebalanceOnScaleUp;
    }

    public void setRebalanceOnScaleUp(Boolean rebalanceOnScaleUp) {
        this.rebalanceOnScaleUp = rebalanceOnScaleUp;
    }

    /** {@link #getRebalanceOnScaleUp()}, true unless set false. */
    public boolean effectiveRebalanceOnScaleUp() {
        return rebalanceOnScaleUp == null || rebalanceOnScaleUp;
    }

    @Override
    public StorageSpec getStorage() {
        return storage;
    }

    public void setStorage(StorageSpec storage) {
        this.storage = storage;
    }

    @Override
    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }

    @Override
    public Map<String, String> getConfig() {
        return config;
    }

    public void setConfig(Map<String, String> config) {
        this.config = config;
    }
}
