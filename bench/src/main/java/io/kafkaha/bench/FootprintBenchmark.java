package io.kafkaha.bench;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.kafkaha.api.v1beta1.KafkaCluster;
import io.kafkaha.api.v1beta1.KafkaClusterSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One run of the operator's footprint: a fresh mock API server ({@link MockApi}) with pods that become ready at once
 * ({@link ReadyStatefulSets}), the operator as its own process ({@link OperatorProcess}), then
 * <ol>
 *   <li>N KafkaClusters ({@code spec: {}}, 3 controllers + 3 brokers each) created at once; each one's time from
 *       create to Ready=True;</li>
 *   <li>once the operator has been quiet for 3 s, an idle period: its API requests and writes are counted;</li>
 *   <li>one no-op reconciliation per cluster, one after the other, triggered as any metadata change of a
 *       KafkaCluster triggers one (an annotation): its duration from the operator's log and the API requests it
 *       made;</li>
 *   <li>the JVM's memory and threads ({@link JvmFootprint}), and the operator's CPU time.</li>
 * </ol>
 * Kafka does not run: outside a pod the operator does not ask Kafka, so Ready rests on the StatefulSets' status.
 */
final class FootprintBenchmark {
    private static final Duration QUIET = Duration.ofSeconds(3);

    private final Path jar;
    private final Path launcher;
    private final Path crd;
    private final Duration readyTimeout;
    private final Duration idle;

    FootprintBenchmark(Path jar, Path launcher, Path crd, Duration readyTimeout, Duration idle) {
        this.jar = jar;
        this.launcher = launcher;
        this.crd = crd;
        this.readyTimeout = readyTimeout;
        this.idle = idle;
    }

    FootprintResult run(OperatorProcess.Launch launch, int clusters, Path dir) throws Exception {
        Files.createDirectories(dir);
        try (MockApi api = MockApi.start(crd); ReadyStatefulSets sets = new ReadyStatefulSets(api.client())) {
            Map<String, Long> readyAt = new ConcurrentHashMap<>();
            long started = System.nanoTime();
            try (Watch watch = watchReady(api, readyAt);
                 OperatorProcess operator = OperatorProcess.start(launch, jar, launcher,
                         api.writeKubeconfig(dir.resolve("kubeconfig")), dir.resolve("operator.log"))) {
                operator.awaitStarted(readyTimeout);
                double startSeconds = seconds(System.nanoTime() - started);
                Map<String, Long> createdAt = new LinkedHashMap<>();
                for (int i = 1; i <= clusters; i++) {
                    String name = String.format("c-%02d", i);
                    KafkaCluster cluster = new KafkaCluster();
                    cluster.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(MockApi.NAMESPACE)
                            .build());
                    cluster.setSpec(new KafkaClusterSpec());
                    createdAt.put(name, System.nanoTime());
                    api.client().resource(cluster).create();
                }
                awaitAllReady(createdAt, readyAt, operator);
                List<Double> toReady = createdAt.entrySet().stream()
                        .map(e -> seconds(readyAt.get(e.getKey()) - e.getValue())).toList();
                awaitQuiet(api.requests());
                long idleFrom = System.nanoTime();
                Thread.sleep(idle.toMillis());
                List<ApiRequestLog.Request> idleRequests = api.requests().between(idleFrom, System.nanoTime(),
                        MockApi.BENCH_AGENT);
                List<Double> reconcileMillis = new ArrayList<>();
                List<Integer> requests = new ArrayList<>();
                List<Integer> writes = new ArrayList<>();
                for (String name : createdAt.keySet()) {
                    int offset = operator.logText().length();
                    long from = System.nanoTime();
                    touch(api, name);
                    reconcileMillis.add(awaitReconciled(operator, offset, name).doubleValue());
                    List<ApiRequestLog.Request> made = api.requests().between(from, System.nanoTime(),
                            MockApi.BENCH_AGENT);
                    requests.add(made.size());
                    Files.write(dir.resolve("no-op-requests.txt"), made.stream()
                            .map(r -> name + " " + r.method() + " " + r.path()).toList(),
                            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                    writes.add((int) made.stream().filter(ApiRequestLog.Request::isWrite).count());
                }
                JvmFootprint jvm = JvmFootprint.of(operator.pid());
                double cpu = ProcessCpu.total(List.of(operator.pid())).orElse(Double.NaN);
                return new FootprintResult(clusters, launch, startSeconds, toReady, reconcileMillis, requests,
                        writes, idle.toSeconds(), idleRequests.size(),
                        (int) idleRequests.stream().filter(ApiRequestLog.Request::isWrite).count(), cpu, jvm);
            }
        }
    }

    private static Watch watchReady(MockApi api, Map<String, Long> readyAt) {
        return api.client().resources(KafkaCluster.class).inNamespace(MockApi.NAMESPACE).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, KafkaCluster cluster) {
                boolean ready = cluster.getStatus() != null && cluster.getStatus().getConditions() != null
                        && cluster.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
                if (ready) {
                    readyAt.putIfAbsent(cluster.getMetadata().getName(), System.nanoTime());
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
    }

    private void awaitAllReady(Map<String, Long> createdAt, Map<String, Long> readyAt, OperatorProcess operator)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        while (!readyAt.keySet().containsAll(createdAt.keySet())) {
            if (System.nanoTime() > deadline) {
                throw new IOException((createdAt.size() - readyAt.size()) + " of " + createdAt.size()
                        + " clusters were not Ready within " + readyTimeout.toSeconds() + " s; see the operator log");
            }
            operator.requireAlive();
            Thread.sleep(20);
        }
    }

    /** Until the operator made no request for {@link #QUIET} (at most a minute): its start-up work is over. */
    private static void awaitQuiet(ApiRequestLog requests) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            long now = System.nanoTime();
            if (requests.between(now - QUIET.toNanos(), now, MockApi.BENCH_AGENT).stream()
                    .noneMatch(r -> !r.isWatch())) {
                return;
            }
            Thread.sleep(200);
        }
    }

    /** An annotation change: a metadata update of the KafkaCluster, which the operator reconciles. */
    private static void touch(MockApi api, String name) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                api.client().resources(KafkaCluster.class).inNamespace(MockApi.NAMESPACE).withName(name)
                        .edit(cluster -> {
                            cluster.getMetadata().getAnnotations().put("bench.kafkaha.io/touched",
                                    Long.toString(System.nanoTime()));
                            return cluster;
                        });
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 5) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static Long awaitReconciled(OperatorProcess operator, int offset, String name)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<Long> millis = operator.reconcileMillis(offset, MockApi.NAMESPACE + "/" + name);
            if (!millis.isEmpty()) {
                return millis.get(0);
            }
            Thread.sleep(10);
        }
        throw new IOException("the operator logged no reconciliation of " + name + " within 30 s of touching it");
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
