package io.kafkaha.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.Map;

/** The KRaft controller quorum: one StatefulSet {@code <name>-controller}, a volume per controller. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"replicas", "storage", "resources", "config"})
public class ControllersSpec extends NodesSpec {
    public static final String DEFAULT_STORAGE_SIZE = "1Gi";

    @JsonPropertyDescription("Number of controllers. The quorum needs a majority alive: 3 survive the loss of one,"
            + " 5 of two; 1 has no redundancy. Controllers can be added or removed later (dynamic quorum).")
    @Default("3")
    @Min(1)
    private Integer replicas;

    @JsonPropertyDescription("Each controller's persistent volume for the metadata log (never ephemeral). Defaults"
            + " to 1Gi of the cluster's default storage class.")
    @Default("{\"size\": \"" + DEFAULT_STORAGE_SIZE + "\"}")
    private StorageSpec storage;

    @JsonPropertyDescription("CPU and memory requests and limits of each controller's Kafka container.")
    private ResourceRequirements resources;

    @JsonPropertyDescription("Controller server.properties overrides (string values: quote numbers and booleans),"
            + " layered over kafka-ha's defaults. Keys kafka-ha derives itself (node.id, process.roles, listeners,"
            + " controller.quorum.*, log.dirs, ...) are refused.")
    private Map<String, String> config;

    public ControllersSpec() {
    }

    public ControllersSpec(Integer replicas, StorageSpec storage) {
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
