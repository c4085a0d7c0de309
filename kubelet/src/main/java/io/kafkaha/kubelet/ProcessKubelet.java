package io.kafkaha.kubelet;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Kubernetes' StatefulSet controller and kubelet for one namespace of a (mock) API server, with every pod run as
 * a real local process: every {@value #PERIOD_MILLIS} ms it syncs each StatefulSet ({@link StatefulSetController}),
 * updates cluster DNS ({@link ClusterDns}), starts a container process for each pod that has none
 * ({@link ContainerProcess}, from the pod object's own spec, on the pod's loopback address, its claims' directories
 * kept across pods), restarts containers that exit, stops gracefully those whose pod was deleted (or is being
 * deleted), and reports each pod's readiness probe and container state in its status.
 * <p>
 * Every pod's directory is {@code <workDir>/<pod>}; the hosts file is shared by the pods' JVMs and must be the
 * test JVM's {@code jdk.net.hosts.file}. A shutdown hook SIGKILLs every process should the test JVM die first.
 */
public final class ProcessKubelet implements AutoCloseable {
    static final long PERIOD_MILLIS = 200;
    /** At close, how long the processes get to exit on SIGTERM before they are killed. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(10);
    /** A real kubelet gives a container at least this long after SIGTERM, even when deleted with grace period 0. */
    static final Duration MINIMUM_GRACE_PERIOD = Duration.ofSeconds(2);

    private final KubernetesClient client;
    private final String namespace;
    private final Path workDir;
    private final Path kafkaHome;
    private final Path hostsFile;
    private final ClusterDns dns;
    private final StatefulSetController statefulSets;
    private final Map<String, ContainerProcess> containers = new ConcurrentHashMap<>();
    /** Every container ever started, running, terminating or done, for the last-resort kill. */
    private final Set<ContainerProcess> everyContainer = ConcurrentHashMap.newKeySet();
    private final Map<String, CompletableFuture<Void>> terminating = new ConcurrentHashMap<>();
    private final Map<String, List<Termination>> terminations = new ConcurrentHashMap<>();
    private final Map<String, Integer> starts = new ConcurrentHashMap<>();
    private final ExecutorService stopper = Executors.newCachedThreadPool(daemon("process-kubelet-stop"));
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(
            daemon("process-kubelet"));
    private final Thread killOnExit = new Thread(this::killAll, "process-kubelet-kill");
    private volatile RuntimeException lastFailure;
    private final long startNanos = System.nanoTime();
    /** The grace period a pod's deletion asked for, if it said (the mock API server does not keep it). */
    private final Function<String, Optional<Duration>> deletionGracePeriods;

    private ProcessKubelet(KubernetesClient client, String namespace, Path workDir, String addressPrefix,
                           Path hostsFile, Path kafkaHome, Function<String, Optional<Duration>> deletionGracePeriods) {
        this.client = client;
        this.deletionGracePeriods = deletionGracePeriods;
        this.namespace = namespace;
        this.workDir = workDir.toAbsolutePath();
        this.kafkaHome = kafkaHome;
        this.hostsFile = hostsFile.toAbsolutePath();
        this.dns = new ClusterDns(addressPrefix, this.hostsFile);
        this.statefulSets = new StatefulSetController(client, terminating::containsKey);
    }

    /**
     * Starts acting on {@code namespace}: pods get addresses {@code addressPrefix + 10, 11, ...} (a part of 127/8 no
     * other test uses), their directories under {@code workDir}, and their names in {@code hostsFile}.
     */
    public static ProcessKubelet start(KubernetesClient client, String namespace, Path workDir, String addressPrefix,
                                       Path hostsFile, Function<String, Optional<Duration>> deletionGracePeriods) {
        ProcessKubelet kubelet = new ProcessKubelet(client, namespace, workDir, addressPrefix, hostsFile,
                KafkaHome.standIn(), deletionGracePeriods);
        Runtime.getRuntime().addShutdownHook(kubelet.killOnExit);
        kubelet.loop.scheduleWithFixedDelay(kubelet::syncAll, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        return kubelet;
    }

    public Path hostsFile() {
        return hostsFile;
    }

    /** {@code <service>.<namespace>.svc:<port>} for each port of the Service, e.g. the bootstrap Service. */
    public String bootstrapServers(String service) {
        Service found = client.services().inNamespace(namespace).withName(service).get();
        if (found == null) {
            throw new IllegalStateException("no Service " + service + " in namespace " + namespace + " yet");
        }
        return found.getSpec().getPorts().stream()
                .map(port -> service + "." + namespace + ".svc:" + port.getPort())
                .collect(Collectors.joining(","));
    }

    /** What the kubelet knows of the pod of that name; empty if it never ran one. */
    public Optional<KubeletPod> pod(String name) {
        String address = dns.addresses().get(name);
        if (address == null) {
            return Optional.empty();
        }
        ContainerProcess container = containers.get(name);
        OptionalLong pid = container == null ? OptionalLong.empty() : container.pid();
        return Optional.of(new KubeletPod(name, address, podDir(name), pid, starts.getOrDefault(name, 0),
                List.copyOf(terminations.getOrDefault(name, List.of()))));
    }

    /** SIGKILL the pod's process, as a crash or an OOM kill would end it; like the kubelet, this restarts it. */
    public void kill(String pod) {
        container(pod).kill();
    }

    /** SIGSTOP: the pod's process hangs (a stalled disk, a long GC) until {@link #resume}. */
    public void pause(String pod) {
        container(pod).signal("STOP");
    }

    /** SIGCONT after {@link #pause}. */
    public void resume(String pod) {
        container(pod).signal("CONT");
    }

    /** The last error of a sync pass, if the latest one failed (the next pass retries). */
    public Optional<RuntimeException> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    private ContainerProcess container(String pod) {
        ContainerProcess container = containers.get(pod);
        if (container == null) {
            throw new IllegalStateException("pod " + pod + " has no container running; running: "
                    + containers.keySet());
        }
        return container;
    }

    private Path podDir(String pod) {
        return workDir.resolve(pod);
    }

    private void syncAll() {
        try {
            for (StatefulSet set : client.apps().statefulSets().inNamespace(namespace).list().getItems()) {
                statefulSets.sync(set);
            }
            List<Pod> pods = client.pods().inNamespace(namespace).list().getItems();
            List<Pod> live = pods.stream().filter(pod -> pod.getMetadata().getDeletionTimestamp() == null).toList();
            dns.update(live, client.services().inNamespace(namespace).list().getItems());
            syncContainers(pods, live);
            lastFailure = null;
        } catch (KubernetesClientException e) {
            // Conflicts and objects gone between list and update: the next pass starts from what is there.
            lastFailure = e;
        } catch (RuntimeException | AssertionError e) {
            // Not thrown on: the scheduler would cancel the loop. PodProcess asserts what it expects of a pod.
            lastFailure = e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
            log("sync failed, retrying: %s", e);
        }
    }

    private void syncContainers(List<Pod> pods, List<Pod> live) {
        Map<String, Pod> byName = live.stream()
                .collect(Collectors.toMap(pod -> pod.getMetadata().getName(), Function.identity()));
        for (ContainerProcess container : List.copyOf(containers.values())) {
            Pod pod = byName.get(container.pod().getMetadata().getName());
            if (pod == null || !pod.getMetadata().getUid().equals(container.uid())) {
                terminate(container);
            }
        }
        for (Pod pod : pods) {
            String name = pod.getMetadata().getName();
            if (pod.getMetadata().getDeletionTimestamp() != null && !containers.containsKey(name)
                    && !terminating.containsKey(name)) {
                // Its container is gone: the kubelet's final delete, the object leaves the API.
                client.resource(pod).withGracePeriod(0).delete();
            }
        }
        for (Pod pod : live) {
            String name = pod.getMetadata().getName();
            ContainerProcess container = containers.get(name);
            if (container == null) {
                container = startPod(pod);
                if (container == null) {
                    continue;
                }
            } else {
                ContainerProcess running = container;
                if (running.superviseExit(() -> startContainer(running, pod))) {
                    log("%s exited unexpectedly (%s); restarting it", name,
                            terminations.get(name).get(terminations.get(name).size() - 1));
                }
            }
            reportStatus(pod, container);
        }
    }

    private static String image(Pod pod) {
        return pod.getSpec().getContainers().get(0).getImage();
    }

    /** A new pod object: fresh emptyDirs, then its container; null while its ConfigMap does not exist. */
    private ContainerProcess startPod(Pod pod) {
        String name = pod.getMetadata().getName();
        if (terminating.containsKey(name)) {
            return null;
        }
        deletionGracePeriods.apply(name); // a deletion of an earlier pod of this name says nothing about this one
        ContainerProcess container = new ContainerProcess(pod, podDir(name), dns.address(name), hostsFile,
                KafkaHome.forImage(image(pod), kafkaHome),
                termination -> terminations.computeIfAbsent(name, n -> new ArrayList<>()).add(termination));
        container.clearEphemeralVolumes();
        if (!startContainer(container, pod)) {
            return null;
        }
        containers.put(name, container);
        everyContainer.add(container);
        return container;
    }

    private boolean startContainer(ContainerProcess container, Pod pod) {
        Optional<ConfigMap> configMap = configMap(pod);
        if (configMap.isEmpty()) {
            return false;
        }
        container.start(configMap.get());
        int count = starts.merge(pod.getMetadata().getName(), 1, Integer::sum);
        log("started %s (start %d, pid %d) on %s", pod.getMetadata().getName(), count,
                container.pid().orElse(-1), container.address());
        return true;
    }

    /** The ConfigMap the pod mounts (exactly one, as kafka-ha's pods do); empty until it exists. */
    private Optional<ConfigMap> configMap(Pod pod) {
        List<String> names = pod.getSpec().getVolumes().stream().map(Volume::getConfigMap)
                .filter(java.util.Objects::nonNull).map(source -> source.getName()).toList();
        if (names.size() != 1) {
            throw new IllegalStateException("pod " + pod.getMetadata().getName() + " mounts " + names.size()
                    + " ConfigMaps; the process kubelet runs pods mounting exactly one");
        }
        return Optional.ofNullable(client.configMaps().inNamespace(namespace).withName(names.get(0)).get());
    }

    private void reportStatus(Pod pod, ContainerProcess container) {
        boolean ready = container.ready();
        PodStatus status = PodStatusReport.of(container.facts(ready), container.address(),
                pod.getStatus(), Instant.now());
        if (!status.equals(pod.getStatus())) {
            if (ready != PodStatusReport.isReady(pod.getStatus())) {
                log("%s %s", pod.getMetadata().getName(), ready ? "ready" : "not ready");
            }
            pod.setStatus(status);
            client.resource(pod).updateStatus();
        }
    }

    /** Graceful stop in the background; the pod's name is not run again until it is done. */
    private void terminate(ContainerProcess container) {
        String name = container.pod().getMetadata().getName();
        containers.remove(name, container);
        Optional<Duration> grace = deletionGracePeriods.apply(name).map(asked -> asked.compareTo(
                MINIMUM_GRACE_PERIOD) < 0 ? MINIMUM_GRACE_PERIOD : asked);
        log("stopping %s: its pod was deleted%s", name, grace.map(g -> " (grace period " + g.toSeconds() + " s)")
                .orElse(""));
        terminating.put(name, CompletableFuture.runAsync(() -> container.stop(grace), stopper)
                .whenComplete((done, failure) -> {
                    terminating.remove(name);
                    log("stopped %s: %s", name, terminations.getOrDefault(name, List.of()));
                }));
    }

    /**
     * Stops the loop, then every process: SIGTERM to all, {@link #CLOSE_GRACE} to exit, SIGKILL to the rest. Pod
     * objects stay in the API; their status is no longer kept.
     */
    @Override
    public void close() {
        loop.shutdownNow();
        try {
            loop.awaitTermination(30, TimeUnit.SECONDS);
            List<ContainerProcess> all = List.copyOf(containers.values());
            List<CompletableFuture<Void>> stops = all.stream()
                    .map(container -> CompletableFuture.runAsync(() -> container.stop(Optional.empty()), stopper))
                    .toList();
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new))
                    .get(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception timedOutOrInterrupted) {
            // whatever still runs is killed below
        } finally {
            killAll();
            stopper.shutdownNow();
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already
            }
        }
    }

    /** One line on stdout per thing the kubelet does, for the test's report. */
    private void log(String format, Object... args) {
        System.out.printf("process kubelet %5.1fs: %s%n", (System.nanoTime() - startNanos) / 1e9,
                String.format(format, args));
    }

    private void killAll() {
        everyContainer.forEach(ContainerProcess::kill);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
