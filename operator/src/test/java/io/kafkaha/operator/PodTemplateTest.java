package io.kafkaha.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kafkaha.api.v1beta1.KafkaCluster;
import io.kafkaha.api.v1beta1.KafkaClusterSpec;
import io.kafkaha.api.v1beta1.KafkaPodTemplate;
import io.kafkaha.core.spec.NodeRole;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code spec.template} does to the pods, and what the pods get without it. */
class PodTemplateTest {

    @Test
    void podsSpreadOverNodesStrictlyAndOverZonesBestEffortByDefault() {
        for (NodeRole role : NodeRole.values()) {
            List<TopologySpreadConstraint> spread = pod(Clusters.desiredSeed(), role).getTopologySpreadConstraints();
            assertThat(spread).extracting(TopologySpreadConstraint::getTopologyKey,
                            TopologySpreadConstraint::getWhenUnsatisfiable, TopologySpreadConstraint::getMaxSkew)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("kubernetes.io/hostname", "DoNotSchedule", 1),
                            org.assertj.core.groups.Tuple.tuple("topology.kubernetes.io/zone", "ScheduleAnyway", 1));
            assertThat(spread).allSatisfy(constraint -> {
                assertThat(constraint.getLabelSelector().getMatchLabels())
                        .isEqualTo(Labels.selector("kafka", role));
                assertThat(constraint.getNodeTaintsPolicy()).isEqualTo("Honor");
            });
        }
    }

    @Test
    void givenSpreadConstraintsReplaceTheDefaults() {
        TopologySpreadConstraint rack = new TopologySpreadConstraintBuilder().withTopologyKey("example.com/rack")
                .withMaxSkew(2).withWhenUnsatisfiable("DoNotSchedule").build();
        KafkaPodTemplate template = new KafkaPodTemplate();
        template.setTopologySpreadConstraints(List.of(rack));
        for (NodeRole role : NodeRole.values()) {
            assertThat(pod(withTemplate(template), role).getTopologySpreadConstraints()).containsExactly(rack);
        }
        template.setTopologySpreadConstraints(List.of());
        assertThat(pod(withTemplate(template), NodeRole.BROKER).getTopologySpreadConstraints()).isEmpty();
    }

    @Test
    void userLabelsAndAnnotationsAreAddedButNeverOverrideKafkaHas() {
        KafkaPodTemplate template = new KafkaPodTemplate();
        template.setLabels(Map.of("team", "payments", "app.kubernetes.io/component", "oops",
                "app.kubernetes.io/instance", "other"));
        template.setAnnotations(Map.of("prometheus.io/scrape", "true", ConfigHash.ANNOTATION, "mine"));
        DesiredCluster cluster = withTemplate(template);
        for (NodeRole role : NodeRole.values()) {
            var statefulSet = NodeStatefulSet.desired(cluster, role);
            var metadata = statefulSet.getSpec().getTemplate().getMetadata();
            assertThat(metadata.getLabels())
                    .containsEntry("team", "payments")
                    .containsAllEntriesOf(statefulSet.getSpec().getSelector().getMatchLabels())
                    .containsEntry("app.kubernetes.io/component", role.label())
                    .containsEntry("app.kubernetes.io/instance", "kafka");
            assertThat(metadata.getAnnotations())
                    .containsEntry("prometheus.io/scrape", "true")
                    .containsEntry(ConfigHash.ANNOTATION, ConfigHash.forRole(cluster.rendered(), role));
            // The StatefulSet itself and its selector carry only kafka-ha's labels.
            assertThat(statefulSet.getMetadata().getLabels()).doesNotContainKey("team");
            assertThat(statefulSet.getSpec().getSelector().getMatchLabels()).doesNotContainKey("team");
        }
    }

    @Test
    void schedulingComesFromTheTemplate() {
        Toleration dedicated = new TolerationBuilder().withKey("dedicated").withOperator("Equal")
                .withValue("kafka").withEffect("NoSchedule").build();
        Affinity affinity = new AffinityBuilder().withNewNodeAffinity()
                .withNewRequiredDuringSchedulingIgnoredDuringExecution().addNewNodeSelectorTerm()
                .addNewMatchExpression().withKey("disk").withOperator("In").withValues("ssd").endMatchExpression()
                .endNodeSelectorTerm().endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().build();
        KafkaPodTemplate template = new KafkaPodTemplate();
        template.setNodeSelector(Map.of("pool", "kafka"));
        template.setTolerations(List.of(dedicated));
        template.setAffinity(affinity);
        template.setPriorityClassName("kafka-critical");
        for (NodeRole role : NodeRole.values()) {
            PodSpec pod = pod(withTemplate(template), role);
            assertThat(pod.getNodeSelector()).isEqualTo(Map.of("pool", "kafka"));
            assertThat(pod.getTolerations()).containsExactly(dedicated);
            assertThat(pod.getAffinity()).isEqualTo(affinity);
            assertThat(pod.getPriorityClassName()).isEqualTo("kafka-critical");
        }
        PodSpec plain = pod(Clusters.desiredSeed(), NodeRole.BROKER);
        assertThat(plain.getNodeSelector()).isNullOrEmpty();
        assertThat(plain.getTolerations()).isNullOrEmpty();
        assertThat(plain.getAffinity()).isNull();
        assertThat(plain.getPriorityClassName()).isNull();
    }

    @Test
    void buildingNeverChangesTheUsersResource() {
        KafkaPodTemplate template = new KafkaPodTemplate();
        template.setLabels(Map.of("team", "payments"));
        template.setTolerations(List.of(new TolerationBuilder().withKey("dedicated").withOperator("Exists").build()));
        KafkaClusterSpec spec = new KafkaClusterSpec();
        spec.setTemplate(template);
        KafkaCluster resource = Clusters.withSpec(spec);
        String before = Serialization.asYaml(resource);
        DesiredCluster cluster = Clusters.desired(resource);
        for (NodeRole role : NodeRole.values()) {
            var statefulSet = NodeStatefulSet.desired(cluster, role);
            // Even changing what was built leaves the resource alone.
            statefulSet.getSpec().getTemplate().getSpec().getTolerations().get(0).setKey("changed");
            statefulSet.getSpec().getTemplate().getMetadata().getLabels().put("added", "x");
            HeadlessService.desired(cluster, role);
            NodeDisruptionBudget.desired(cluster, role);
        }
        ClusterConfigMap.desired(cluster);
        BootstrapService.desired(cluster);
        assertThat(Serialization.asYaml(resource)).isEqualTo(before);
        assertThat(resource.getSpec().getBrokers()).isNull();
    }

    private static DesiredCluster withTemplate(KafkaPodTemplate template) {
        KafkaClusterSpec spec = new KafkaClusterSpec();
        spec.setTemplate(template);
        return Clusters.desired(Clusters.withSpec(spec));
    }

    private static PodSpec pod(DesiredCluster cluster, NodeRole role) {
        return NodeStatefulSet.desired(cluster, role).getSpec().getTemplate().getSpec();
    }
}
