package io.kafkaha.operator;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetPersistentVolumeClaimRetentionPolicy;
import io.fabric8.kubernetes.api.model.apps.StatefulSetPersistentVolumeClaimRetentionPolicyBuilder;
import io.kafkaha.api.v1beta1.StorageSpec;
import io.kafkaha.core.spec.NodeRole;
import java.util.List;

/**
 * The node's {@link PodLayout#DATA_VOLUME} volume: a persistent volume claimed per pod through the StatefulSet's
 * claim template, or for ephemeral storage an emptyDir of the pod limited to the size. Named alike either way,
 * so the mount and the start script do not know which it is.
 */
final class DataVolume {
    private DataVolume() {
    }

    /** {@code data}: one claim per pod ({@code data-N-broker-0}, ...), dynamically provisioned; none if ephemeral. */
    static List<PersistentVolumeClaim> claimTemplates(String cluster, NodeRole role, StorageSpec storage) {
        if (storage.effectiveEphemeral()) {
            return List.of();
        }
        return List.of(new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                    .withName(PodLayout.DATA_VOLUME)
                    .withLabels(Labels.forRole(cluster, role))
                .endMetadata()
                .withNewSpec()
                    .withAccessModes("ReadWriteOnce")
                    .withNewResources().addToRequests("storage", new Quantity(storage.getSize())).endResources()
                    // Absent, not empty: an empty class would ask for a volume without any class (no provisioning).
                    .withStorageClassName(storage.effectiveStorageClassName())
                .endSpec()
                .build());
    }

    /**
     * Claims kept on scale-down always and on deletion unless asked otherwise; null without claims, where a
     * policy would only suggest there is data to keep.
     */
    static StatefulSetPersistentVolumeClaimRetentionPolicy retentionPolicy(StorageSpec storage) {
        if (storage.effectiveEphemeral()) {
            return null;
        }
        return new StatefulSetPersistentVolumeClaimRetentionPolicyBuilder()
                .withWhenDeleted(storage.deletesClaimsWithCluster() ? "Delete" : "Retain")
                .withWhenScaled("Retain")
                .build();
    }

    /** The pod's own {@code data} volume for ephemeral storage; none when a claim template provides it. */
    static List<Volume> podVolumes(StorageSpec storage) {
        if (!storage.effectiveEphemeral()) {
            return List.of();
        }
        return List.of(new VolumeBuilder().withName(PodLayout.DATA_VOLUME)
                .withNewEmptyDir().withSizeLimit(new Quantity(storage.getSize())).endEmptyDir()
                .build());
    }
}
