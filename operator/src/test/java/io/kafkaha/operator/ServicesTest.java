package io.kafkaha.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.kafkaha.core.spec.NodeRole;
import org.junit.jupiter.api.Test;

class ServicesTest {
    private final DesiredCluster cluster = Clusters.desiredSeed();

    @Test
    void headlessServicesAreTheStatefulSetsServicesAndPublishNotReadyPods() {
        for (NodeRole role : NodeRole.values()) {
            Service service = HeadlessService.desired(cluster, role);
            var statefulSet = NodeStatefulSet.desired(cluster, role);
            assertThat(service.getMetadata().getName()).isEqualTo(statefulSet.getSpec().getServiceName());
            assertThat(service.getMetadata().getNamespace()).isEqualTo("prod");
            assertThat(service.getMetadata().getOwnerReferences()).isEmpty();
            assertThat(service.getSpec().getClusterIP()).isEqualTo("None");
            assertThat(service.getSpec().getPublishNotReadyAddresses()).isTrue();
            assertThat(statefulSet.getSpec().getTemplate().getMetadata().getLabels())
                    .containsAllEntriesOf(service.getSpec().getSelector());
            assertThat(service.getSpec().getSelector()).containsEntry("app.kubernetes.io/component", role.label());
        }
        assertThat(HeadlessService.desired(cluster, NodeRole.CONTROLLER).getMetadata().getName())
                .isEqualTo("kafka-controllers");
        assertThat(HeadlessService.desired(cluster, NodeRole.BROKER).getMetadata().getName())
                .isEqualTo("kafka-brokers");
    }

    @Test
    void headlessServicesExposeEachListenerOfTheirRoleByName() {
        assertThat(HeadlessService.desired(cluster, NodeRole.BROKER).getSpec().getPorts())
                .extracting(ServicePort::getName, ServicePort::getPort, port -> port.getTargetPort().getStrVal())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("client", 9092, "client"),
                        org.assertj.core.groups.Tuple.tuple("replication", 9091, "replication"));
        assertThat(HeadlessService.desired(cluster, NodeRole.CONTROLLER).getSpec().getPorts())
                .extracting(ServicePort::getName, ServicePort::getPort, port -> port.getTargetPort().getStrVal())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("controller", 9093, "controller"));
    }

    @Test
    void bootstrapServiceIsTheClusterNameOnPort9092OfReadyBrokers() {
        Service service = BootstrapService.desired(cluster);
        assertThat(service.getMetadata().getName()).isEqualTo("kafka");
        assertThat(service.getMetadata().getNamespace()).isEqualTo("prod");
        assertThat(service.getMetadata().getOwnerReferences()).isEmpty();
        assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(service.getSpec().getClusterIP()).isNull();
        // Only ready brokers get bootstrap connections.
        assertThat(service.getSpec().getPublishNotReadyAddresses()).isNull();
        assertThat(service.getSpec().getSelector()).isEqualTo(Labels.selector("kafka", NodeRole.BROKER));
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getPort()).isEqualTo(9092);
            assertThat(port.getTargetPort().getStrVal()).isEqualTo("client");
        });
        var brokerContainer = NodeStatefulSet.desired(cluster, NodeRole.BROKER).getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        assertThat(brokerContainer.getPorts()).anySatisfy(port -> {
            assertThat(port.getName()).isEqualTo("client");
            assertThat(port.getContainerPort()).isEqualTo(9092);
        });
    }

    @Test
    void disruptionBudgetsLetOnePodOfARoleGoAtATime() {
        for (NodeRole role : NodeRole.values()) {
            var budget = NodeDisruptionBudget.desired(cluster, role);
            var statefulSet = NodeStatefulSet.desired(cluster, role);
            assertThat(budget.getMetadata().getName()).isEqualTo("kafka-" + role.label());
            assertThat(budget.getMetadata().getNamespace()).isEqualTo("prod");
            assertThat(budget.getMetadata().getOwnerReferences()).isEmpty();
            assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
            assertThat(budget.getSpec().getMinAvailable()).isNull();
            assertThat(budget.getSpec().getSelector()).isEqualTo(statefulSet.getSpec().getSelector());
            assertThat(statefulSet.getSpec().getTemplate().getMetadata().getLabels())
                    .containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
        }
    }
}
