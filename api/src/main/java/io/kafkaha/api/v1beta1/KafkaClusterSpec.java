package io.kafkaha.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.kafkaha.core.spec.NodeRole;

/** What the user asks for: which Kafka, how many controllers and brokers, with what storage and scheduling. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"version", "image", "controllers", "brokers", "template"})
public class KafkaClusterSpec extends SpecPart {
    /** The Kafka version kafka-ha runs by default; KafkaClusterSpecTest keeps it equal to the build's. */
    public static final String DEFAULT_VERSION = "4.4.0";
    public static final String VERSION_PATTERN = "^[0-9]+\\.[0-9]+\\.[0-9]+$";
    /** Where pods get Kafka from unless {@code spec.image} says otherwise: the official, unmodified image. */
    public static final String DEFAULT_IMAGE_REPOSITORY = "apache/kafka";

    @JsonPropertyDescription("Kafka version, e.g. \"" + DEFAULT_VERSION + "\" (Kafka 4.0 or newer). Pods run the"
            + " official image apache/kafka:<version> unless spec.image is set. Defaults to the version this"
            + " kafka-ha release was built and tested with, stored on creation so the cluster is never upgraded"
            + " implicitly.")
    @Default(DEFAULT_VERSION)
    @Pattern(VERSION_PATTERN)
    private String version;

    @JsonPropertyDescription("Container image to run instead of apache/kafka:<version>, e.g. a mirror in a private"
            + " registry. It must contain Kafka spec.version laid out like the official image (/opt/kafka)."
            + " Empty or absent: the official image.")
    private String image;

    @JsonPropertyDescription("The KRaft controller quorum that holds the cluster's metadata (ZooKeeper's"
            + " successor). 3 controllers survive the loss of one.")
    @Default("{}")
    private ControllersSpec controllers;

    @JsonPropertyDescription("The brokers that store and serve the data. With 3 or more brokers topics are"
            + " replicated 3 times and acks=all writes survive the loss of a broker.")
    @Default("{}")
    private BrokersSpec brokers;

    @JsonPropertyDescription("How controller and broker pods are scheduled and labelled.")
    private KafkaPodTemplate template;

    public KafkaClusterSpec() {
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public ControllersSpec getControllers() {
        return controllers;
    }

    public void setControllers(ControllersSpec controllers) {
        this.controllers = controllers;
    }

    public BrokersSpec getBrokers() {
        return brokers;
    }

    public void setBrokers(BrokersSpec brokers) {
        this.brokers = brokers;
    }

    public KafkaPodTemplate getTemplate() {
        return template;
    }

    public void setTemplate(KafkaPodTemplate template) {
        this.template = template;
    }

    /** {@code spec.version}, or the default when absent. */
    public String effectiveVersion() {
        return isBlank(version) ? DEFAULT_VERSION : version;
    }

    /** {@code spec.image}, or the official image of {@link #effectiveVersion()}. */
    public String effectiveImage() {
        return isBlank(image) ? DEFAULT_IMAGE_REPOSITORY + ":" + effectiveVersion() : image;
    }

    /** {@code spec.controllers}, or an empty one whose effective values are the defaults. */
    public ControllersSpec effectiveControllers() {
        return controllers != null ? controllers : new ControllersSpec();
    }

    /** {@code spec.brokers}, or an empty one whose effective values are the defaults. */
    public BrokersSpec effectiveBrokers() {
        return brokers != null ? brokers : new BrokersSpec();
    }

    /** The controllers' or brokers' part of the spec, for code that handles both roles alike. */
    public NodesSpec nodes(NodeRole role) {
        return role == NodeRole.CONTROLLER ? effectiveControllers() : effectiveBrokers();
    }

    /** {@code spec.template}, or an empty one. */
    public KafkaPodTemplate effectiveTemplate() {
        return template != null ? template : new KafkaPodTemplate();
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
