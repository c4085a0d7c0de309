package io.kafkaha.operator.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * HTTP endpoints for Kubernetes probes, on the JDK's built-in server: {@code GET /healthz} (liveness) and
 * {@code GET /readyz} (readiness) answer 200 or 503 with a one-line text body saying why. Listens on all
 * addresses, as the kubelet probes the pod's IP.
 */
public final class HealthServer implements AutoCloseable {
    public static final String LIVENESS_PATH = "/healthz";
    public static final String READINESS_PATH = "/readyz";

    private final HttpServer server;
    private final ExecutorService executor;

    private HealthServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts serving on {@code port} (0: a free port, see {@link #port()}). */
    public static HealthServer start(int port, OperatorHealth health) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(port), 0);
        } catch (BindException e) {
            throw new OperatorStartupException("port " + port + " for the health endpoints is in use; choose"
                    + " another with --health-port, or --health-port 0 to turn them off", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the health endpoints on port " + port, e);
        }
        server.createContext(LIVENESS_PATH, exchange -> answer(exchange, LIVENESS_PATH, health::liveness));
        server.createContext(READINESS_PATH, exchange -> answer(exchange, READINESS_PATH, health::readiness));
        server.createContext("/", exchange -> answer(exchange, null, null));
        ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "health-server");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
        return new HealthServer(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, String path, Supplier<OperatorHealth.Verdict> probe)
            throws IOException {
        try (exchange) {
            int code;
            String body;
            if (path == null || !exchange.getRequestURI().getPath().equals(path)) {
                code = 404;
                body = "not found; the endpoints are " + LIVENESS_PATH + " and " + READINESS_PATH;
            } else if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                code = 405;
                body = "method not allowed; use GET";
            } else {
                OperatorHealth.Verdict verdict = verdict(probe);
                code = verdict.ok() ? 200 : 503;
                body = verdict.message();
            }
            byte[] bytes = (body + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(code, head ? -1 : bytes.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    /** A probe that throws is a failed probe, not a dropped connection. */
    private static OperatorHealth.Verdict verdict(Supplier<OperatorHealth.Verdict> probe) {
        try {
            return probe.get();
        } catch (RuntimeException e) {
            return new OperatorHealth.Verdict(false, "health check failed: " + e);
        }
    }

    /** Stops listening at once (probes are idempotent; an in-flight one is simply retried by the kubelet). */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
