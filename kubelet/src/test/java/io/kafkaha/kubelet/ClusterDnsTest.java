package io.kafkaha.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterDnsTest {
    @TempDir
    Path dir;

    @Test
    void podsKeepTheirAddressAndServicesResolveToTheirReadyPods() throws Exception {
        Path hosts = dir.resolve("hosts");
        ClusterDns dns = new ClusterDns("127.0.99.", hosts);
        assertThat(Files.readString(hosts)).isEqualTo("127.0.0.1 localhost\n");

        Pod broker0 = pod("kafka-broker-0", false);
        Pod broker1 = pod("kafka-broker-1", true);
        dns.update(List.of(broker0, broker1), List.of(service("kafka", "10.0.0.1"), service("kafka-brokers", "None")));

        assertThat(Files.readAllLines(hosts)).containsExactlyInAnyOrder(
                "127.0.0.1 localhost",
                "127.0.99.10 kafka-broker-0.kafka-brokers.ns.svc",
                "127.0.99.11 kafka-broker-1.kafka-brokers.ns.svc",
                "127.0.99.11 kafka.ns.svc");

        // None ready: the Service still resolves, to every pod, so clients can be created.
        dns.update(List.of(pod("kafka-broker-1", false), broker0), List.of(service("kafka", "10.0.0.1")));
        assertThat(Files.readAllLines(hosts)).contains("127.0.99.10 kafka.ns.svc", "127.0.99.11 kafka.ns.svc")
                .contains("127.0.99.11 kafka-broker-1.kafka-brokers.ns.svc");
        assertThat(dns.address("kafka-broker-1")).isEqualTo("127.0.99.11");
    }

    private static Pod pod(String name, boolean ready) {
        return new PodBuilder()
                .withNewMetadata().withName(name).withNamespace("ns").withLabels(Map.of("role", "broker"))
                .endMetadata()
                .withNewSpec().withHostname(name).withSubdomain("kafka-brokers").endSpec()
                .withNewStatus().addNewCondition().withType("Ready").withStatus(ready ? "True" : "False")
                .endCondition().endStatus()
                .build();
    }

    private static Service service(String name, String clusterIp) {
        return new ServiceBuilder().withNewMetadata().withName(name).withNamespace("ns").endMetadata()
                .withNewSpec().withClusterIP(clusterIp).withSelector(Map.of("role", "broker")).endSpec().build();
    }
}
