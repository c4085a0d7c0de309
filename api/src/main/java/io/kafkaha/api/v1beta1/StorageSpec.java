package io.kafkaha.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * The volume each node of a role keeps its data on: by default a persistent volume through the StatefulSet's
 * volumeClaimTemplates (dynamic provisioning); for {@code ephemeral} brokers an emptyDir of the pod. Volumes never
 * shrink (growing them is not supported yet), and their kind and class are fixed once they exist.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"size", "storageClassName", "ephemeral", "deleteClaimsWithCluster"})
@ValidationRule(value = "(has(self.storageClassName) ? self.storageClassName : '')"
        + " == (has(oldSelf.storageClassName) ? oldSelf.storageClassName : '')",
        message = "storageClassName cannot change on a live cluster: existing volumes keep their class;"
                + " set it back, or create a new cluster with the new class and move the data")
public class StorageSpec extends SpecPart {
    /**
     * A Kubernetes quantity of bytes: a whole or decimal number with an optional binary (Ki…Ei) or decimal
     * (k, M…E) suffix. Narrower than Kubernetes' grammar on purpose: no exponents, signs or milli-bytes.
     */
    public static final String SIZE_PATTERN = "^[0-9]+(\\.[0-9]+)?([KMGTPE]i|[kMGTPE])?$";

    @JsonPropertyDescription("Size of each volume (of ephemeral storage: the emptyDir's limit), a Kubernetes"
            + " quantity such as 10Gi, 500Mi or 1Ti. Fixed once the cluster exists: it can never be decreased, and"
            + " growing it is not supported yet.")
    @Required
    @Pattern(SIZE_PATTERN)
    private String size;

    @JsonPropertyDescription("StorageClass the volumes are provisioned from. Empty or absent: the cluster's default"
            + " class. Fixed once the cluster exists.")
    @Size(max = 253)
    private String storageClassName;

    @JsonPropertyDescription("Keep each node's data in an emptyDir of its pod, limited to size, instead of a"
            + " persistent volume: the data is lost whenever the pod is deleted or rescheduled, and a node whose data"
            + " outgrows size is evicted. Brokers only (controllers always keep the metadata log on a persistent"
            + " volume). A broker that comes back empty gets a new log directory id and re-replicates its partitions"
            + " from the other brokers (Kafka 4, KIP-858), so with replication factor 3 no write acknowledged with"
            + " acks=all is lost as long as at most one broker at a time loses its data. For development and test"
            + " clusters without a volume provisioner, not for production. Default false. Fixed once the cluster"
            + " exists; storageClassName and deleteClaimsWithCluster do not apply (no volume claims are made) and"
            + " are refused with it.")
    private Boolean ephemeral;

    @JsonPropertyDescription("Delete the volumes when the KafkaCluster is deleted. Default false: volumes (and the"
            + " data on them) are kept, and a KafkaCluster re-created with the same name picks them up again."
            + " Volumes of nodes removed by scaling down are always kept.")
    private Boolean deleteClaimsWithCluster;

    public StorageSpec() {
    }

    public StorageSpec(String size, String storageClassName) {
        this.size = size;
        this.storageClassName = storageClassName;
    }

    /** {@code {size: <size>, ephemeral: true}}: an emptyDir of that size per node. */
    public static StorageSpec ephemeral(String size) {
        StorageSpec storage = new StorageSpec(size, null);
        storage.setEphemeral(true);
        return storage;
    }

    public String getSize() {
        return size;
    }

    public void setSize(String size) {
        this.size = size;
    }

    public String getStorageClassName() {
        return storageClassName;
    }

    public void setStorageClassName(String storageClassName) {
        this.storageClassName = storageClassName;
    }

    public Boolean getEphemeral() {
        return ephemeral;
    }

    public void setEphemeral(Boolean ephemeral) {
        this.ephemeral = ephemeral;
    }

    public Boolean getDeleteClaimsWithCluster() {
        return deleteClaimsWithCluster;
    }

    public void setDeleteClaimsWithCluster(Boolean deleteClaimsWithCluster) {
        this.deleteClaimsWithCluster = deleteClaimsWithCluster;
    }

    /** A copy with another size and every other field as it is (unknown fields aside: they are checked as written). */
    public StorageSpec withSize(String otherSize) {
        StorageSpec copy = new StorageSpec(otherSize, storageClassName);
        copy.setEphemeral(ephemeral);
        copy.setDeleteClaimsWithCluster(deleteClaimsWithCluster);
        return copy;
    }

    /** Whether the data lives in the pod (an emptyDir) rather than on a persistent volume; false when absent. */
    public boolean effectiveEphemeral() {
        return Boolean.TRUE.equals(ephemeral);
    }

    /** Whether the StatefulSet deletes its volume claims together with itself (only when asked for). */
    public boolean deletesClaimsWithCluster() {
        return Boolean.TRUE.equals(deleteClaimsWithCluster);
    }

    /** The class to put in volume claims, or null for the cluster's default class (an empty string means none). */
    public String effectiveStorageClassName() {
        return KafkaClusterSpec.isBlank(storageClassName) ? null : storageClassName;
    }
}
