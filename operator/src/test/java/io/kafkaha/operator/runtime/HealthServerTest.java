package io.kafkaha.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HealthServerTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final FakeHealth health = new FakeHealth();

    @Test
    void notStartedOperatorIsNeitherLiveNorReady() throws Exception {
        try (HealthServer server = HealthServer.start(0, health)) {
            assertThat(get(server, "/healthz")).isEqualTo("503 operator not started");
            assertThat(get(server, "/readyz")).isEqualTo("503 operator not started");
        }
    }

    @Test
    void startedOperatorWithUnsyncedInformersIsLiveButNotReady() throws Exception {
        health.started = true;
        health.unhealthy = "kafkacluster/statefulsets";
        try (HealthServer server = HealthServer.start(0, health)) {
            assertThat(get(server, "/healthz")).isEqualTo("200 ok: operator started");
            assertThat(get(server, "/readyz")).isEqualTo("503 unhealthy event sources: kafkacluster/statefulsets");

            health.unhealthy = null;
            assertThat(get(server, "/readyz")).isEqualTo("200 ok: all informers synced");
        }
    }

    @Test
    void aFailingCheckIsAFailedProbe() throws Exception {
        OperatorHealth broken = new FakeHealth() {
            @Override
            public Verdict readiness() {
                throw new IllegalStateException("boom");
            }
        };
        try (HealthServer server = HealthServer.start(0, broken)) {
            assertThat(get(server, "/readyz")).startsWith("503 health check failed:").contains("boom");
        }
    }

    @Test
    void otherPathsAndMethodsAreRefused() throws Exception {
        health.started = true;
        try (HealthServer server = HealthServer.start(0, health)) {
            assertThat(get(server, "/healthz/extra")).startsWith("404 ");
            assertThat(get(server, "/")).startsWith("404 ");
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri(server, "/healthz"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
        }
    }

    @Test
    void portInUseIsAFixableError() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            assertThatThrownBy(() -> HealthServer.start(taken.getLocalPort(), health))
                    .isInstanceOf(OperatorStartupException.class)
                    .hasMessage("port " + taken.getLocalPort() + " for the health endpoints is in use; choose"
                            + " another with --health-port, or --health-port 0 to turn them off");
        }
    }

    @Test
    void closeReleasesThePort() throws Exception {
        HealthServer server = HealthServer.start(0, health);
        int port = server.port();
        server.close();

        assertThatThrownBy(() -> get(port, "/healthz")).isInstanceOf(ConnectException.class);
        try (HealthServer again = HealthServer.start(port, health)) {
            assertThat(get(again, "/healthz")).isEqualTo("503 operator not started");
        }
    }

    private String get(HealthServer server, String path) throws Exception {
        return get(server.port(), path);
    }

    private String get(int port, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(port, path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        return response.statusCode() + " " + response.body().strip();
    }

    private static URI uri(HealthServer server, String path) {
        return uri(server.port(), path);
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Stands in for a JOSDK operator: started or not, and which event source is unhealthy. */
    private static class FakeHealth implements OperatorHealth {
        volatile boolean started;
        volatile String unhealthy;

        @Override
        public Verdict liveness() {
            return started ? new Verdict(true, "ok: operator started") : new Verdict(false, "operator not started");
        }

        @Override
        public Verdict readiness() {
            if (!started) {
                return new Verdict(false, "operator not started");
            }
            return unhealthy == null ? new Verdict(true, "ok: all informers synced")
                    : new Verdict(false, "unhealthy event sources: " + unhealthy);
        }
    }
}
