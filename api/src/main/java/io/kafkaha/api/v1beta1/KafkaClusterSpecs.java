package io.kafkaha.api.v1beta1;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.kafkaha.core.kafka.KafkaReleases;
import io.kafkaha.core.spec.ClusterSpec;
import io.kafkaha.core.spec.NodeRole;
import io.kafkaha.core.spec.RoleSpec;
import io.kafkaha.core.spec.SpecValidator;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a KafkaCluster and translates it into the renderer's {@link ClusterSpec}. Pure: no client, no clock.
 * <p>
 * It repeats what the CRD schema already enforces (minimum replicas, size and version patterns) because objects
 * also come from places the API server never saw: files for the local runtime, tests, a mock API server. The
 * Kafka rules (operator-owned keys, replication factor vs brokers) are core's {@link SpecValidator}, with its
 * field names made full paths ({@code brokers.replicas} → {@code spec.brokers.replicas}). Rules about changing a
 * live cluster need the spec that was applied before: {@link #changeProblems}.
 */
public final class KafkaClusterSpecs {
    private static final Pattern VERSION = Pattern.compile(KafkaClusterSpec.VERSION_PATTERN);
    private static final Pattern SIZE = Pattern.compile(StorageSpec.SIZE_PATTERN);
    /** Kubernetes' grammar of a quantity (apimachinery's resource.Quantity), sign included. */
    private static final Pattern QUANTITY = Pattern.compile("^[+-]?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))"
            + "(([KMGTPE]i)|[numkMGTPE]|([eE][+-]?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$");
    /** kafka-ha runs KRaft only, with a dynamic controller quorum and controller-stamped topic defaults. */
    private static final int MIN_MAJOR_VERSION = 4;
    /** A role's field name at the start of core's messages or inside them, not already under {@code spec.}. */
    private static final Pattern CORE_FIELD = Pattern.compile("(?<![\\w.])((?:controllers|brokers)\\.[a-z]+)");

    private KafkaClusterSpecs() {
    }

    /**
     * {@link #validate(String, KafkaClusterSpec)} for a resource, named by its {@code metadata.name}, also
     * refusing top-level fields a KafkaCluster does not have, and a spec that could not be read
     * ({@link UnreadableSpec}: the field that could not be read is the only problem reported).
     */
    public static ValidatedSpec validate(KafkaCluster cluster) {
        if (cluster.getSpec() instanceof UnreadableSpec unreadable) {
            return new ValidatedSpec(null, List.of(unreadable.problem()));
        }
        List<SpecProblem> problems = new ArrayList<>();
        cluster.unknownFields().keySet().forEach(name -> problems.add(new SpecProblem(name, "unknown field; a"
                + " KafkaCluster has apiVersion, kind, metadata, spec and status; correct the name or remove it")));
        ValidatedSpec validated = validate(cluster.getMetadata() == null ? null : cluster.getMetadata().getName(),
                cluster.specOrDefaults());
        if (problems.isEmpty()) {
            return validated;
        }
        problems.addAll(validated.problems());
        return new ValidatedSpec(null, problems);
    }

    /**
     * {@link #validate(KafkaCluster)} plus the rules for changing a live cluster from {@code applied}, the spec
     * its objects were last built from ({@code null} for a cluster not created yet).
     */
    public static ValidatedSpec validateChange(KafkaCluster cluster, KafkaClusterSpec applied) {
        ValidatedSpec validated = validate(cluster);
        if (applied == null || cluster.getSpec() instanceof UnreadableSpec) {
            return validated;
        }
        List<SpecProblem> problems = new ArrayList<>(validated.problems());
        problems.addAll(changeProblems(applied, cluster.specOrDefaults()));
        checkDowngrade(cluster, problems);
        return problems.isEmpty() ? validated : new ValidatedSpec(null, problems);
    }

    /** Checks {@code spec} for a cluster called {@code name}, collecting every problem at once. */
    public static ValidatedSpec validate(String name, KafkaClusterSpec spec) {
        List<SpecProblem> problems = new ArrayList<>();
        checkUnknownFields(spec, problems);
        checkVersion(spec.effectiveVersion(), problems);
        if (!KafkaClusterSpec.isBlank(spec.getImage()) && spec.getImage().chars().anyMatch(Character::isWhitespace)) {
            problems.add(new SpecProblem("spec.image", "'" + spec.getImage() + "' contains whitespace; give an image"
                    + " reference such as 'registry.example.com/kafka:" + spec.effectiveVersion() + "', or remove"
                    + " spec.image to run apache/kafka:" + spec.effectiveVersion()));
        }
        for (NodeRole role : NodeRole.values()) {
            checkSize(path(role, "storage.size"), spec.nodes(role).effectiveStorage().getSize(), role, problems);
            checkEphemeral(role, spec.nodes(role).effectiveStorage(), problems);
            checkConfigValues(role, spec.nodes(role).effectiveConfig(), problems);
            checkResources(role, spec.nodes(role).getResources(), problems);
        }
        ClusterSpec clusterSpec = new ClusterSpec(name, roleSpec(spec.nodes(NodeRole.CONTROLLER)),
                roleSpec(spec.nodes(NodeRole.BROKER)));
        for (String coreProblem : SpecValidator.problems(clusterSpec)) {
            problems.add(fromCore(coreProblem));
        }
        if (!problems.isEmpty()) {
            return new ValidatedSpec(null, problems);
        }
        return new ValidatedSpec(clusterSpec, List.of(),
                SpecValidator.warnings(clusterSpec).stream().map(KafkaClusterSpecs::fromCore).toList());
    }

    /**
     * What a live cluster cannot do when its spec goes from {@code applied} to {@code desired}: switch a role
     * between persistent and ephemeral storage, shrink volumes (Kubernetes only expands them), grow them (not
     * supported yet) or move them to another storage class (a StatefulSet's volume claims are fixed, and existing
     * volumes would keep the old class anyway), change the number of controllers or remove brokers (both need
     * Kafka-aware steps the operator does not take yet). Sizes that do not parse are left to {@link #validate}.
     */
    public static List<SpecProblem> changeProblems(KafkaClusterSpec applied, KafkaClusterSpec desired) {
        List<SpecProblem> problems = new ArrayList<>();
        // Brokers and controllers may change: the operator moves partitions (BrokerScalingTurn) and voters
        // (QuorumTurn) step by step, and refuses a broker scale-down Kafka's topics forbid in its status.
        for (NodeRole role : NodeRole.values()) {
            StorageSpec before = applied.nodes(role).effectiveStorage();
            StorageSpec after = desired.nodes(role).effectiveStorage();
            if (before.effectiveEphemeral() != after.effectiveEphemeral()) {
                // The other storage fields mean something else on either side; this is the one thing to fix.
                problems.add(new SpecProblem(path(role, "storage.ephemeral"), "cannot change from "
                        + before.effectiveEphemeral() + " to " + after.effectiveEphemeral() + " on a live cluster:"
                        + " a StatefulSet's volume claim templates cannot change (persistent volumes come from"
                        + " them, ephemeral ones do not); set it back to " + before.effectiveEphemeral()
                        + ", or create a new cluster with the storage you want"));
                continue;
            }
            checkSizeChange(role, before, after, problems);
            if (!Objects.equals(before.effectiveStorageClassName(), after.effectiveStorageClassName())) {
                problems.add(new SpecProblem(path(role, "storage.storageClassName"), "cannot change from "
                        + describeClass(before) + " to " + describeClass(after) + " on a live cluster: existing"
                        + " volumes keep their class; set it back to " + describeClass(before)
                        + ", or create a new cluster with the new class and move the data"));
            }
        }
        return problems;
    }

    private static void checkSizeChange(NodeRole role, StorageSpec before, StorageSpec after,
            List<SpecProblem> problems) {
        BigDecimal beforeBytes = bytes(before.getSize());
        BigDecimal afterBytes = bytes(after.getSize());
        if (beforeBytes == null || afterBytes == null || afterBytes.compareTo(beforeBytes) == 0) {
            return;
        }
        String field = path(role, "storage.size");
        if (after.effectiveEphemeral()) {
            // Nothing immutable stands in the way, but the spec would not be what runs; and a limit below the data
            // a broker already holds has the kubelet evict it.
            problems.add(new SpecProblem(field, "cannot change from " + before.getSize() + " to " + after.getSize()
                    + " on a live cluster yet: a new emptyDir size limit reaches a broker only when its pod is"
                    + " re-created (which empties it), and kafka-ha does not roll brokers yet; set it back to "
                    + before.getSize()));
        } else if (afterBytes.compareTo(beforeBytes) < 0) {
            problems.add(new SpecProblem(field, "cannot shrink from " + before.getSize() + " to " + after.getSize()
                    + ": Kubernetes volumes only grow; set it back to " + before.getSize() + " or more"));
        } else {
            // Refused until the operator re-creates StatefulSets: their claim templates are immutable, so
            // applying it would only fail at the API server on every retry.
            problems.add(new SpecProblem(field, "growing from " + before.getSize() + " to " + after.getSize()
                    + " is not supported yet (a StatefulSet's volume claim templates cannot change); set it back to "
                    + before.getSize() + ". To grow the volumes now, expand each PVC data-<pod> yourself if its"
                    + " storage class allows expansion"));
        }
    }

    private static void checkUnknownFields(KafkaClusterSpec spec, List<SpecProblem> problems) {
        checkUnknownFields("spec", spec, problems);
        for (NodeRole role : NodeRole.values()) {
            NodesSpec nodes = spec.nodes(role);
            checkUnknownFields("spec." + role.label() + "s", nodes, problems);
            checkUnknownFields(path(role, "storage"), nodes.getStorage(), problems);
        }
        checkUnknownFields("spec.template", spec.getTemplate(), problems);
    }

    private static void checkUnknownFields(String path, SpecPart part, List<SpecProblem> problems) {
        if (part == null) {
            return;
        }
        part.unknownFields().keySet().forEach(name -> problems.add(new SpecProblem(path + "." + name,
                "unknown field; " + path + " has " + listed(part.knownFields()) + "; correct the name or remove it")));
    }

    private static String listed(List<String> names) {
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    /**
     * Kafka cannot lower a cluster's metadata.version, and a release older than it cannot start on its metadata:
     * once an upgrade raised it ({@code status.metadataVersion}), going back below that release is refused.
     */
    private static void checkDowngrade(KafkaCluster cluster, List<SpecProblem> problems) {
        String running = cluster.getStatus() == null ? null : cluster.getStatus().getMetadataVersion();
        String version = cluster.specOrDefaults().effectiveVersion();
        Optional<Short> runningLevel = KafkaReleases.levelOf(running);
        Optional<Short> versionLevel = KafkaReleases.metadataLevel(version);
        if (runningLevel.isPresent() && versionLevel.isPresent() && versionLevel.get() < runningLevel.get()) {
            problems.add(new SpecProblem("spec.version", "cannot go back to Kafka " + version + ": the cluster's"
                    + " metadata.version is already " + running + ", which Kafka " + version + " cannot read, and"
                    + " Kafka never lowers it; keep a version of release " + running.substring(0,
                    running.indexOf('-')) + " or newer"));
        }
    }

    private static void checkVersion(String version, List<SpecProblem> problems) {
        if (!VERSION.matcher(version).matches()) {
            problems.add(new SpecProblem("spec.version", "'" + version + "' is not a Kafka version; use"
                    + " major.minor.patch, e.g. '" + KafkaClusterSpec.DEFAULT_VERSION + "'"));
        } else if (Integer.parseInt(version.substring(0, version.indexOf('.'))) < MIN_MAJOR_VERSION) {
            problems.add(new SpecProblem("spec.version", "Kafka " + version + " is not supported; kafka-ha runs"
                    + " Kafka " + MIN_MAJOR_VERSION + ".0 or newer (KRaft only), e.g. '"
                    + KafkaClusterSpec.DEFAULT_VERSION + "'"));
        } else if (!KafkaReleases.isPublished(version)) {
            problems.add(new SpecProblem("spec.version", "Kafka " + version + " is not a release kafka-ha knows"
                    + " (no apache/kafka:" + version + " image was published when it was built); use one of "
                    + String.join(", ", KafkaReleases.PUBLISHED)));
        }
    }

    private static void checkSize(String field, String size, NodeRole role, List<SpecProblem> problems) {
        String example = role == NodeRole.BROKER ? BrokersSpec.DEFAULT_STORAGE_SIZE
                : ControllersSpec.DEFAULT_STORAGE_SIZE;
        BigDecimal bytes = bytes(size);
        if (bytes == null) {
            problems.add(new SpecProblem(field, "'" + size + "' is not a Kubernetes quantity; use a number with a"
                    + " unit such as " + example + ", 500Mi or 1Ti (Gi = 2^30 bytes, G = 10^9)"));
        } else if (bytes.signum() == 0) {
            problems.add(new SpecProblem(field, "'" + size + "' leaves no room for data; give each " + role.label()
                    + " a volume, e.g. " + example));
        }
    }

    /**
     * Ephemeral storage is for brokers only and makes no volume claims, so the claims' fields are refused with it
     * rather than ignored: a class asked for would silently not be used, and deleteClaimsWithCluster: false
     * promises data that outlives the cluster.
     */
    private static void checkEphemeral(NodeRole role, StorageSpec storage, List<SpecProblem> problems) {
        if (!storage.effectiveEphemeral()) {
            return;
        }
        if (role == NodeRole.CONTROLLER) {
            // A controller's directory id is derived from its node id, so an emptied controller would rejoin the
            // quorum as the same voter.
            problems.add(new SpecProblem(path(role, "storage.ephemeral"), "controllers always keep their metadata"
                    + " log on a persistent volume: a controller that lost its log but kept its node id and directory"
                    + " id (kafka-ha derives both from the pod) could vote in a leader that lacks committed metadata,"
                    + " and the cluster's metadata would be lost; remove it (only brokers can be ephemeral)"));
            return;
        }
        if (!KafkaClusterSpec.isBlank(storage.getStorageClassName())) {
            problems.add(new SpecProblem(path(role, "storage.storageClassName"), "ephemeral storage is an emptyDir"
                    + " and uses no storage class; remove storageClassName, or remove ephemeral to get persistent"
                    + " volumes of class '" + storage.getStorageClassName() + "'"));
        }
        if (storage.getDeleteClaimsWithCluster() != null) {
            problems.add(new SpecProblem(path(role, "storage.deleteClaimsWithCluster"), "ephemeral storage makes no"
                    + " volume claims: its data is gone with each pod, whatever this says; remove"
                    + " deleteClaimsWithCluster, or remove ephemeral to keep the data on persistent volumes"));
        }
    }

    private static void checkConfigValues(NodeRole role, Map<String, String> config, List<SpecProblem> problems) {
        config.forEach((key, value) -> {
            if (value == null) {
                problems.add(new SpecProblem(path(role, "config"), "'" + key + "' has no value; give it one (as a"
                        + " string, e.g. \"6\") or remove it"));
            }
        });
    }

    /**
     * The schema takes any string as a quantity (int-or-string), and the API server refuses it only in the
     * StatefulSet, after the other objects were written; a limit below its request is refused there too.
     */
    private static void checkResources(NodeRole role, ResourceRequirements resources, List<SpecProblem> problems) {
        if (resources == null) {
            return;
        }
        Map<String, BigDecimal> requests = amounts(path(role, "resources.requests"), resources.getRequests(),
                problems);
        Map<String, BigDecimal> limits = amounts(path(role, "resources.limits"), resources.getLimits(), problems);
        limits.forEach((resource, limit) -> {
            BigDecimal request = requests.get(resource);
            if (request != null && limit.compareTo(request) < 0) {
                String limitText = resources.getLimits().get(resource).toString();
                String requestText = resources.getRequests().get(resource).toString();
                problems.add(new SpecProblem(path(role, "resources.limits." + resource), limitText + " is below the"
                        + " request " + requestText + " (a container cannot be limited to less than it requests);"
                        + " raise the limit to at least " + requestText + " or lower the request"));
            }
        });
    }

    /** The quantities that parse, by resource name; a problem for each one that does not. */
    private static Map<String, BigDecimal> amounts(String field, Map<String, Quantity> quantities,
            List<SpecProblem> problems) {
        Map<String, BigDecimal> amounts = new LinkedHashMap<>();
        if (quantities == null) {
            return amounts;
        }
        quantities.forEach((resource, quantity) -> {
            String text = quantity == null ? null : quantity.toString();
            BigDecimal amount = text != null && QUANTITY.matcher(text).matches() ? amount(quantity) : null;
            if (amount == null) {
                problems.add(new SpecProblem(field + "." + resource, (text == null ? "has no value" : "'" + text
                        + "' is not a Kubernetes quantity") + "; use a number with an optional unit, e.g. "
                        + quantityExample(resource)));
            } else if (amount.signum() < 0) {
                problems.add(new SpecProblem(field + "." + resource, "'" + text + "' is negative; use e.g. "
                        + quantityExample(resource)));
            } else {
                amounts.put(resource, amount);
            }
        });
        return amounts;
    }

    private static BigDecimal amount(Quantity quantity) {
        try {
            return Quantity.getAmountInBytes(quantity);
        } catch (RuntimeException unparsable) {
            return null;
        }
    }

    private static String quantityExample(String resource) {
        return switch (resource) {
            case "cpu" -> "'2' or '500m' (cores; m = 1/1000)";
            case "memory", "ephemeral-storage" -> "'4Gi' or '512Mi' (bytes; Gi = 2^30, G = 10^9)";
            default -> "'1', '500m' or '2Gi'";
        };
    }

    private static RoleSpec roleSpec(NodesSpec nodes) {
        Map<String, String> config = new LinkedHashMap<>();
        nodes.effectiveConfig().forEach((key, value) -> {
            if (value != null) {
                config.put(key, value);
            }
        });
        return new RoleSpec(nodes.effectiveReplicas(), config);
    }

    /** Core says {@code brokers.config: ...} or {@code name: ...}; the resource's paths are longer. */
    private static SpecProblem fromCore(String problem) {
        int colon = problem.indexOf(": ");
        String field = problem.substring(0, colon);
        String message = CORE_FIELD.matcher(problem.substring(colon + 2)).replaceAll("spec.$1");
        return new SpecProblem(field.equals("name") ? "metadata.name" : "spec." + field, message);
    }

    private static BigDecimal bytes(String size) {
        if (size == null || !SIZE.matcher(size).matches()) {
            return null;
        }
        return Quantity.getAmountInBytes(new Quantity(size));
    }

    private static String describeClass(StorageSpec storage) {
        String name = storage.effectiveStorageClassName();
        return name == null ? "the default class" : "'" + name + "'";
    }

    private static String path(NodeRole role, String field) {
        return "spec." + role.label() + "s." + field;
    }
}
