package io.kafkaha.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.kafkaha.cli.local.FastStartJvm;
import io.kafkaha.cli.local.NodeProcess;
import io.kafkaha.core.render.StartScript;
import io.kafkaha.operator.PodLayout;
import io.kafkaha.operator.StatefulSetPod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One pod of a rendered StatefulSet, run as a local process: the pod template's container command and env,
 * expanded as Kubernetes expands them for the pod, with every volume mount backed by a directory of its own
 * (the ConfigMap's files written into the config volume's, empty ones for emptyDirs and the volume claim) and the
 * image's Kafka installation replaced by the stand-in. Nothing here is rendered again: all of it is read from
 * the StatefulSet and ConfigMap objects the operator applies.
 */
public final class PodProcess {
    /** Kubernetes' {@code $(VAR)} reference in env values and commands. */
    private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    private final String name;
    private final String dnsName;
    private final Container container;
    private final Path dir;
    private final Map<String, Path> paths;
    private final Map<String, String> kubernetesEnv;
    private final NodeProcess process;

    /**
     * @param imageKafkaHome where the image has Kafka ({@code /opt/kafka}), replaced by {@code kafkaHome}
     */
    PodProcess(StatefulSet statefulSet, int ordinal, ConfigMap configMap, Path dir, String imageKafkaHome,
               Path kafkaHome) {
        this(StatefulSetPod.of(statefulSet, ordinal), configMap, dir, imageKafkaHome, kafkaHome);
    }

    /**
     * The pod as its StatefulSet controller made it ({@link StatefulSetPod}: hostname, subdomain and claim volumes
     * set), run from its own spec.
     *
     * @param imageKafkaHome where the image has Kafka ({@code /opt/kafka}), replaced by {@code kafkaHome}
     */
    public PodProcess(Pod pod, ConfigMap configMap, Path dir, String imageKafkaHome, Path kafkaHome) {
        this.name = pod.getMetadata().getName();
        // The stable network identity a StatefulSet pod gets through its headless service.
        this.dnsName = StatefulSetPod.dnsName(pod);
        PodSpec spec = pod.getSpec();
        assertThat(spec.getContainers()).as("containers of %s", name).hasSize(1);
        this.container = spec.getContainers().get(0);
        this.dir = dir;
        this.paths = mountVolumes(spec, configMap);
        this.paths.put(imageKafkaHome, kafkaHome);
        this.kubernetesEnv = expandAsKubernetes(container.getEnv(), name);
        this.process = new NodeProcess(dir.resolve("pid"));
    }

    public String name() {
        return name;
    }

    public String dnsName() {
        return dnsName;
    }

    /** The container's ports, e.g. {@code client=9092}. */
    public Map<String, Integer> ports() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (ContainerPort port : container.getPorts()) {
            ports.put(port.getName(), port.getContainerPort());
        }
        return ports;
    }

    /** The container's environment as Kubernetes gives it to this pod. */
    public Map<String, String> kubernetesEnv() {
        return kubernetesEnv;
    }

    /** {@link #kubernetesEnv()} with every path in a volume mount, or in the image's Kafka, mapped to this host. */
    public Map<String, String> hostEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        kubernetesEnv.forEach((key, value) -> env.put(key, onHost(value)));
        return env;
    }

    /** The container's command and args, with the same path mapping. */
    public List<String> command() {
        List<String> command = new ArrayList<>();
        container.getCommand().forEach(arg -> command.add(onHost(arg)));
        if (container.getArgs() != null) {
            container.getArgs().forEach(arg -> command.add(onHost(arg)));
        }
        return command;
    }

    public Path volume(String volumeName) {
        return volume(dir, volumeName);
    }

    /** Where a pod laid out under {@code podDir} keeps the volume: {@code <podDir>/volumes/<volume>}. */
    public static Path volume(Path podDir, String volumeName) {
        return podDir.resolve("volumes").resolve(volumeName);
    }

    public Path log() {
        return dir.resolve("pod.log");
    }

    /**
     * The pod's environment as Kubernetes gives it ({@link #hostEnv()}), with the few differences one host running
     * many pods needs: {@code address} as the bind host, a test machine's heap, and what the image and the cluster
     * provide around the pod spec (PATH, Java, cluster DNS through {@code hostsFile}, /tmp).
     */
    public Map<String, String> processEnv(String address, Path hostsFile) {
        Map<String, String> env = hostEnv();
        // The only deviation from the pod spec: a pod has an IP of its own and binds all its interfaces (empty
        // bind host), but these pods share one host and the same ports, so each binds only its own address.
        assertThat(env).containsEntry(StartScript.BIND_HOST, "");
        env.put(StartScript.BIND_HOST, address);
        // Not a difference in what runs, only in its size: the template's heap (or Kafka's 1 GiB default without
        // resources) is sized for a pod's memory, while here six JVMs share a small test machine.
        env.put("KAFKA_HEAP_OPTS", "-Xms128m -Xmx384m");
        // Likewise the JIT: C1 only, as the local runtime runs Kafka on one machine (see FastStartJvm).
        FastStartJvm.apply(env, Map.of());
        // What the image and the cluster provide around the pod spec: a PATH, Java, cluster DNS (the hosts file)
        // and /tmp for the JVM's scratch files (the tmp volume, as java.io.tmpdir is /tmp in a pod).
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("KAFKA_OPTS", "-Djdk.net.hosts.file=" + hostsFile + " -Djava.io.tmpdir="
                + volume(PodLayout.TMP_VOLUME));
        return env;
    }

    /**
     * The container's command run with exactly {@code env}, nothing inherited from the test JVM, as a container
     * sees only its own environment.
     */
    public List<String> commandWithEnv(Map<String, String> env) {
        List<String> command = new ArrayList<>(List.of("env", "-i"));
        env.forEach((key, value) -> command.add(key + "=" + value));
        command.addAll(command());
        return command;
    }

    /** Starts {@link #commandWithEnv}, tracked by pid file like every local node. */
    void launch(Map<String, String> env) {
        process.launch(commandWithEnv(env), Map.of(), log());
    }

    Optional<ProcessHandle> running() {
        return process.running();
    }

    public boolean exited() {
        return process.exitedUnexpectedly();
    }

    public String logTail(int lines) {
        try {
            if (!Files.exists(log())) {
                return "(no log)";
            }
            List<String> all = Files.readAllLines(log());
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    void kill() {
        process.kill();
    }

    private String onHost(String value) {
        // Longest mount path first: /opt/kafka/logs is a volume inside the image's /opt/kafka.
        return paths.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, Path> e) -> e.getKey().length()).reversed())
                .filter(e -> value.equals(e.getKey()) || value.startsWith(e.getKey() + "/"))
                .findFirst()
                .map(e -> e.getValue() + value.substring(e.getKey().length()))
                .orElse(value);
    }

    /**
     * One directory per mounted volume; the ConfigMap's data written into its volume, read-only as mounted. A
     * claim's directory is only ever created, so what a pod wrote there outlives it as on a persistent volume.
     */
    private Map<String, Path> mountVolumes(PodSpec spec, ConfigMap configMap) {
        Map<String, Path> mounts = new LinkedHashMap<>();
        try {
            for (VolumeMount mount : container.getVolumeMounts()) {
                Path local = Files.createDirectories(volume(mount.getName()));
                Volume volume = spec.getVolumes().stream().filter(v -> v.getName().equals(mount.getName()))
                        .findFirst().orElseThrow(() -> new AssertionError("volume " + mount.getName() + " of "
                                + name + " is mounted but not in the pod spec"));
                if (volume.getConfigMap() != null) {
                    assertThat(volume.getConfigMap().getName()).isEqualTo(configMap.getMetadata().getName());
                    writeConfigMap(configMap, local, volume.getConfigMap().getDefaultMode());
                } else {
                    assertThat(volume.getEmptyDir() != null || volume.getPersistentVolumeClaim() != null)
                            .as("volume %s of %s is an emptyDir or a claim", mount.getName(), name).isTrue();
                }
                mounts.put(mount.getMountPath(), local);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return mounts;
    }

    private static void writeConfigMap(ConfigMap configMap, Path dir, Integer mode) throws IOException {
        for (Map.Entry<String, String> file : configMap.getData().entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.writeString(path, file.getValue());
            if (mode != null) {
                Files.setPosixFilePermissions(path, permissions(mode));
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        StringBuilder text = new StringBuilder();
        String letters = "rwxrwxrwx";
        for (int bit = 8; bit >= 0; bit--) {
            text.append((mode & (1 << bit)) != 0 ? letters.charAt(8 - bit) : '-');
        }
        return PosixFilePermissions.fromString(text.toString());
    }

    /**
     * As the kubelet does: {@code fieldRef metadata.name} is the pod's name; {@code $(VAR)} refers to a variable
     * declared earlier in the list (a later or unknown one would stay verbatim, which the test rules out).
     */
    static Map<String, String> expandAsKubernetes(List<EnvVar> env, String podName) {
        Map<String, String> expanded = new LinkedHashMap<>();
        Set<String> unresolved = new TreeSet<>();
        for (EnvVar var : env) {
            if (var.getValueFrom() != null) {
                assertThat(var.getValueFrom().getFieldRef()).as("valueFrom of %s", var.getName()).isNotNull();
                assertThat(var.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
                expanded.put(var.getName(), podName);
                continue;
            }
            String value = var.getValue() == null ? "" : var.getValue();
            Matcher matcher = REFERENCE.matcher(value);
            StringBuilder result = new StringBuilder();
            while (matcher.find()) {
                String referred = expanded.get(matcher.group(1));
                if (referred == null) {
                    unresolved.add(var.getName() + " -> " + matcher.group(1));
                    referred = matcher.group();
                }
                matcher.appendReplacement(result, Matcher.quoteReplacement(referred));
            }
            matcher.appendTail(result);
            expanded.put(var.getName(), result.toString());
        }
        assertThat(unresolved).as("references to variables not declared before").isEmpty();
        return expanded;
    }
}
