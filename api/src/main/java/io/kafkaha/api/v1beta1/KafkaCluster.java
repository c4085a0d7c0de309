package io.kafkaha.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Default;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A highly available Kafka cluster: a KRaft controller quorum and a set of brokers, each a StatefulSet whose pods
 * keep their data on persistent volumes. Every field of the spec has a default, so {@code spec: {}} is the seed's
 * 3 controllers + 3 brokers. The API server stores those defaults, which pins a cluster's version and sizes when
 * it is created: a later kafka-ha release with other defaults does not upgrade or resize it behind the user's back.
 */
@Group(KafkaCluster.GROUP)
@Version(KafkaCluster.VERSION)
@ShortNames("kc")
@AdditionalPrinterColumn(name = "Ready", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        getDescription = "Whether the cluster serves clients (the Ready condition)")
@AdditionalPrinterColumn(name = "Brokers", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.brokers",
        getDescription = "Ready brokers / desired brokers")
@AdditionalPrinterColumn(name = "Controllers", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.controllers", getDescription = "Ready controllers / desired controllers")
@AdditionalPrinterColumn(name = "Version", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.version",
        getDescription = "Kafka version the cluster runs")
@AdditionalPrinterColumn(name = "Age", type = AdditionalPrinterColumn.Type.DATE,
        jsonPath = ".metadata.creationTimestamp",
        getDescription = "Time since the cluster was created")
public class KafkaCluster extends CustomResource<KafkaClusterSpec, KafkaClusterStatus> implements Namespaced {
    public static final String GROUP = "kafkaha.io";
    public static final String VERSION = "v1beta1";

    /** Top-level fields this class does not know, e.g. a misspelt {@code spec}; see {@link SpecPart} for why. */
    @JsonIgnore
    private final Map<String, Object> unknownFields = new LinkedHashMap<>();

    /** Declared again for the schema: a description, and a default so the API server fills in every default. */
    @Override
    @Default("{}")
    @JsonPropertyDescription("The desired cluster. Every field has a default: {} is 3 controllers and 3 brokers"
            + " of the default Kafka version.")
    public KafkaClusterSpec getSpec() {
        return super.getSpec();
    }

    /**
     * Declared again to read the spec leniently: a spec with a value of the wrong type becomes an
     * {@link UnreadableSpec} instead of an exception that would stop the operator's informer.
     */
    @Override
    @JsonDeserialize(using = UnreadableSpec.Reader.class)
    public void setSpec(KafkaClusterSpec spec) {
        super.setSpec(spec);
    }

    /** Declared again for the schema's description. */
    @Override
    @JsonPropertyDescription("The cluster as the operator last observed it; written by the operator only.")
    public KafkaClusterStatus getStatus() {
        return super.getStatus();
    }

    /** Declared again to read the status leniently: one that does not read is none, not a stopped informer. */
    @Override
    @JsonDeserialize(using = KafkaClusterStatus.LenientReader.class)
    public void setStatus(KafkaClusterStatus status) {
        super.setStatus(status);
    }

    @JsonAnySetter
    void putUnknownField(String name, Object value) {
        unknownFields.put(name, value);
    }

    /** Written back as they came, so the copy the reconciler gets still has them; see {@link SpecPart}. */
    @JsonAnyGetter
    @JsonIgnore
    Map<String, Object> unknownFieldsToWrite() {
        return unknownFields;
    }

    public Map<String, Object> unknownFields() {
        return Collections.unmodifiableMap(unknownFields);
    }

    /**
     * The spec as written, or an empty one (all defaults) when the resource has none. Never mutates the resource.
     * Throws for an {@link UnreadableSpec}: its defaults are not what the user wrote.
     */
    public KafkaClusterSpec specOrDefaults() {
        if (spec instanceof UnreadableSpec unreadable) {
            throw new IllegalStateException("the spec cannot be read: " + unreadable.problem());
        }
        return spec != null ? spec : new KafkaClusterSpec();
    }
}
