package io.kafkaha.kubelet;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.kafkaha.cli.it.PodProcess;
import io.kafkaha.operator.PodLayout;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The container of one pod object, run as a local process on the pod's own loopback address ({@link PodProcess}
 * maps the spec to the host). Each start writes the ConfigMap's files anew, as the kubelet keeps ConfigMap volumes
 * in sync, and rebuilds the environment from the pod's spec, which never changes for a pod object.
 */
final class ContainerProcess {
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(300);
    /** Kubernetes backs off 10 s doubling to 5 min; a test has no time for that, and Kafka no need. */
    private static final Duration RESTART_BACKOFF = Duration.ofSeconds(1);

    private final Pod pod;
    private final Path dir;
    private final String address;
    private final Path hostsFile;
    private final Path kafkaHome;
    private final Consumer<Termination> terminations;
    private volatile Process process;
    private volatile Instant startedAt;
    private volatile boolean stopping;
    private volatile Termination lastTermination;
    private volatile Instant restartAt;
    private volatile int restartCount;

    ContainerProcess(Pod pod, Path dir, String address, Path hostsFile, Path kafkaHome,
                     Consumer<Termination> terminations) {
        this.pod = pod;
        this.dir = dir;
        this.address = address;
        this.hostsFile = hostsFile;
        this.kafkaHome = kafkaHome;
        this.terminations = terminations;
    }

    Pod pod() {
        return pod;
    }

    String uid() {
        return pod.getMetadata().getUid();
    }

    String address() {
        return address;
    }

    /** A new pod starts with empty emptyDirs; its claims' directories are kept, as persistent volumes are. */
    void clearEphemeralVolumes() {
        pod.getSpec().getVolumes().stream().filter(volume -> volume.getPersistentVolumeClaim() == null)
                .forEach(volume -> delete(PodProcess.volume(dir, volume.getName())));
    }

    /** Starts the container's command from the pod's spec with the ConfigMap as it is now. */
    synchronized void start(ConfigMap configMap) {
        // The ConfigMap volume is read-only (0444) and rewritten whole, as the kubelet swaps it atomically.
        delete(PodProcess.volume(dir, PodLayout.CONFIG_VOLUME));
        PodProcess spec = new PodProcess(pod, configMap, dir, PodLayout.KAFKA_HOME, kafkaHome);
        ProcessBuilder builder = new ProcessBuilder(spec.commandWithEnv(spec.processEnv(address, hostsFile)))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.log().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the container of " + name() + ": " + e.getMessage(), e);
        }
        startedAt = Instant.now();
        restartAt = null;
    }

    /**
     * As the kubelet does with {@code restartPolicy: Always}: a process that exited on its own is recorded and,
     * after a short back-off, started again. True when this call found it had exited.
     */
    synchronized boolean superviseExit(Runnable restart) {
        Process current = process;
        if (stopping || current == null) {
            return false;
        }
        if (current.isAlive()) {
            return false;
        }
        if (restartAt == null) {
            record(new Termination(current.exitValue(), Termination.Cause.EXITED, startedAt, Instant.now()));
            restartAt = Instant.now().plus(RESTART_BACKOFF);
            return true;
        }
        if (Instant.now().isAfter(restartAt)) {
            restartCount++;
            restart.run();
        }
        return false;
    }

    /** The readiness probe: the probe's tcpSocket port accepts a connection on the pod's address. */
    boolean ready() {
        Process current = process;
        Optional<Integer> port = readinessPort();
        if (current == null || !current.isAlive() || port.isEmpty()) {
            return false;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port.get()), (int) PROBE_TIMEOUT.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Optional<Integer> readinessPort() {
        Container container = container();
        if (container.getReadinessProbe() == null || container.getReadinessProbe().getTcpSocket() == null) {
            return Optional.empty();
        }
        IntOrString port = container.getReadinessProbe().getTcpSocket().getPort();
        if (port.getIntVal() != null) {
            return Optional.of(port.getIntVal());
        }
        return container.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
                .map(p -> p.getContainerPort()).findFirst();
    }

    /**
     * As the kubelet stops a deleted pod's container: SIGTERM, up to the deletion's grace period (else the pod's
     * terminationGracePeriodSeconds) for it to exit, then SIGKILL. Never restarted after this.
     */
    void stop(Optional<Duration> deletionGracePeriod) {
        Process current;
        synchronized (this) {
            stopping = true;
            current = process;
        }
        if (current == null || !current.isAlive()) {
            return;
        }
        current.destroy();
        Termination.Cause cause = Termination.Cause.STOPPED;
        try {
            if (!current.waitFor(deletionGracePeriod.orElseGet(this::gracePeriod).toMillis(), TimeUnit.MILLISECONDS)) {
                cause = Termination.Cause.KILLED_AFTER_GRACE;
                current.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            current.destroyForcibly();
            return;
        }
        record(new Termination(current.exitValue(), cause, startedAt, Instant.now()));
    }

    private Duration gracePeriod() {
        Long seconds = pod.getSpec().getTerminationGracePeriodSeconds();
        return Duration.ofSeconds(seconds == null ? 30 : seconds);
    }

    /** SIGKILL, as an OOM kill or a crash would end it; the kubelet restarts it. */
    void kill() {
        Process current = process;
        if (current != null) {
            current.destroyForcibly();
        }
    }

    /** Sends {@code signal} (e.g. {@code STOP}, {@code CONT}) to the running process. */
    void signal(String signal) {
        OptionalLong pid = pid();
        if (pid.isEmpty()) {
            throw new IllegalStateException(name() + " has no running process to send SIG" + signal + " to");
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid.getAsLong()))
                    .redirectErrorStream(true).start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid.getAsLong() + " failed: "
                        + new String(kill.getInputStream().readAllBytes()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    OptionalLong pid() {
        Process current = process;
        return current != null && current.isAlive() ? OptionalLong.of(current.pid()) : OptionalLong.empty();
    }

    /** What the pod's status reports of this container now. */
    ContainerFacts facts(boolean ready) {
        Process current = process;
        boolean running = current != null && current.isAlive() && !stopping;
        return new ContainerFacts(container().getName(), container().getImage(), running, running && ready,
                restartCount, startedAt, lastTermination);
    }

    private void record(Termination termination) {
        lastTermination = termination;
        terminations.accept(termination);
    }

    private Container container() {
        return pod.getSpec().getContainers().get(0);
    }

    private String name() {
        return pod.getMetadata().getName();
    }

    private static void delete(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
