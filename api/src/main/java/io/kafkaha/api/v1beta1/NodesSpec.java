package io.kafkaha.api.v1beta1;

import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.Map;

/**
 * What controllers and brokers have in common, so code that builds one StatefulSet per role handles both alike.
 * Each role declares its own fields (their documentation and default storage size differ); the
 * {@code effective*} methods apply the defaults without touching the spec.
 */
public abstract class NodesSpec extends SpecPart {
    public static final int DEFAULT_REPLICAS = 3;

    public abstract Integer getReplicas();

    public abstract StorageSpec getStorage();

    public abstract ResourceRequirements getResources();

    public abstract Map<String, String> getConfig();

    /** The volume size used when {@code storage} or its {@code size} is absent. */
    public abstract String defaultStorageSize();

    public int effectiveReplicas() {
        return getReplicas() != null ? getReplicas() : DEFAULT_REPLICAS;
    }

    /** The storage as written, with the role's default size filled in where it is missing. */
    public StorageSpec effectiveStorage() {
        StorageSpec storage = getStorage();
        if (storage == null) {
            return new StorageSpec(defaultStorageSize(), null);
        }
        return storage.getSize() != null ? storage : storage.withSize(defaultStorageSize());
    }

    public Map<String, String> effectiveConfig() {
        return getConfig() != null ? getConfig() : Map.of();
    }
}
