package io.kafkaha.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import java.util.List;
import java.util.Map;

/**
 * Scheduling and metadata for the controller and broker pods. Named so it does not clash with Kubernetes'
 * {@code PodTemplateSpec}; only the parts a Kafka user needs, the rest of the pod is kafka-ha's.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"labels", "annotations", "nodeSelector", "tolerations", "affinity", "topologySpreadConstraints",
        "priorityClassName"})
public class KafkaPodTemplate extends SpecPart {
    @JsonPropertyDescription("Labels added to every pod, e.g. for network policies or cost reports. kafka-ha's own"
            + " labels win on conflict.")
    private Map<String, String> labels;

    @JsonPropertyDescription("Annotations added to every pod, e.g. for a service mesh or metrics scraping.")
    private Map<String, String> annotations;

    @JsonPropertyDescription("Only schedule pods on nodes with these labels.")
    private Map<String, String> nodeSelector;

    @JsonPropertyDescription("Let pods run on nodes with these taints, e.g. nodes dedicated to Kafka.")
    private List<Toleration> tolerations;

    @JsonPropertyDescription("Node and pod affinity of every pod, added to kafka-ha's scheduling rules.")
    private Affinity affinity;

    @JsonPropertyDescription("How pods spread over failure domains. Absent: kafka-ha spreads each role over"
            + " nodes (hostname) and zones; set to replace that.")
    private List<TopologySpreadConstraint> topologySpreadConstraints;

    @JsonPropertyDescription("PriorityClass of every pod, so Kafka is not the first to be evicted under pressure.")
    private String priorityClassName;

    public KafkaPodTemplate() {
    }

    public Map<String, String> getLabels() {
        return labels;
    }

    public void setLabels(Map<String, String> labels) {
        this.labels = labels;
    }

    public Map<String, String> getAnnotations() {
        return annotations;
    }

    public void setAnnotations(Map<String, String> annotations) {
        this.annotations = annotations;
    }

    public Map<String, String> getNodeSelector() {
        return nodeSelector;
    }

    public void setNodeSelector(Map<String, String> nodeSelector) {
        this.nodeSelector = nodeSelector;
    }

    public List<Toleration> getTolerations() {
        return tolerations;
    }

    public void setTolerations(List<Toleration> tolerations) {
        this.tolerations = tolerations;
    }

    public Affinity getAffinity() {
        return affinity;
    }

    public void setAffinity(Affinity affinity) {
        this.affinity = affinity;
    }

    public List<TopologySpreadConstraint> getTopologySpreadConstraints() {
        return topologySpreadConstraints;
    }

    public void setTopologySpreadConstraints(List<TopologySpreadConstraint> topologySpreadConstraints) {
        this.topologySpreadConstraints = topologySpreadConstraints;
    }

    public String getPriorityClassName() {
        return priorityClassName;
    }

    public void setPriorityClassName(String priorityClassName) {
        this.priorityClassName = priorityClassName;
    }
}
