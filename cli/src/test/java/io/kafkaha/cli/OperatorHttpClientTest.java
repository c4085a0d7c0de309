package io.kafkaha.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code kafka-ha operator} talks to the API server through the JDK's HTTP client (the jar carries no Vert.x): its
 * client lists, creates and, what JOSDK's informers rest on, watches — here against fabric8's mock API server.
 */
class OperatorHttpClientTest {
    /** CRUD mode, over HTTPS as an API server. */
    private final KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(),
            new HashMap<>(), new KubernetesMixedDispatcher(new HashMap<>()), true);

    @BeforeEach
    void start() {
        server.init();
    }

    @AfterEach
    void stop() {
        server.destroy();
    }

    @Test
    void theOperatorsClientIsTheJdksAndItsInformersSeeChanges() {
        Config config = new ConfigBuilder().withMasterUrl(server.url("/")).withNamespace("test")
                .withTrustCerts(true).build();
        try (KubernetesClient client = OperatorCommand.client(config)) {
            assertThat(client.getHttpClient().getClass().getName()).startsWith("io.fabric8.kubernetes.client.jdkhttp.");
            List<String> seen = new CopyOnWriteArrayList<>();
            try (SharedIndexInformer<ConfigMap> informer = client.configMaps().inNamespace("test")
                    .inform(new ResourceEventHandler<>() {
                        @Override
                        public void onAdd(ConfigMap added) {
                            seen.add("added " + added.getMetadata().getName());
                        }

                        @Override
                        public void onUpdate(ConfigMap before, ConfigMap after) {
                            seen.add("updated " + after.getMetadata().getName() + " " + after.getData());
                        }

                        @Override
                        public void onDelete(ConfigMap deleted, boolean finalStateUnknown) {
                            seen.add("deleted " + deleted.getMetadata().getName());
                        }
                    })) {
                ConfigMap map = new ConfigMapBuilder().withNewMetadata().withName("watched").endMetadata()
                        .addToData("k", "1").build();
                client.configMaps().inNamespace("test").resource(map).create();
                client.configMaps().inNamespace("test").withName("watched")
                        .edit(m -> new ConfigMapBuilder(m).addToData("k", "2").build());
                client.configMaps().inNamespace("test").withName("watched").delete();

                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(seen)
                        .containsExactly("added watched", "updated watched {k=2}", "deleted watched"));
            }
        }
    }
}
