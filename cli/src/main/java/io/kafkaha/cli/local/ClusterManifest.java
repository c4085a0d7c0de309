package io.kafkaha.cli.local;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kafkaha.api.v1beta1.KafkaCluster;
import io.kafkaha.api.v1beta1.KafkaClusterSpecs;
import io.kafkaha.api.v1beta1.SpecProblem;
import io.kafkaha.api.v1beta1.ValidatedSpec;
import io.kafkaha.cli.UserError;
import io.kafkaha.core.spec.ClusterSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * A {@code KafkaCluster} manifest — the file a user would {@code kubectl apply} — checked by the operator's own
 * rules ({@link KafkaClusterSpecs#validate(KafkaCluster)}) and translated into the local runtime's input. The
 * local runtime honours the name, each role's replicas and config overrides, and the version; what only means
 * something on Kubernetes (namespace, image, storage, resources, pod template) is ignored.
 *
 * @param spec    name, replicas and config overrides of both roles
 * @param version {@code spec.version} (or its default)
 * @param rebalanceOnScaleUp {@code spec.brokers.rebalanceOnScaleUp}: spread partitions onto brokers added
 */
public record ClusterManifest(ClusterSpec spec, String version, boolean rebalanceOnScaleUp) {
    private static final String API_VERSION = KafkaCluster.GROUP + "/" + KafkaCluster.VERSION;
    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    public static ClusterManifest read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + " (" + e.getMessage() + "); give the path of a KafkaCluster"
                    + " manifest, e.g. examples/kafkacluster.yaml", e);
        }
        return parse(text, file.toString());
    }

    /** @param source where the text came from, for messages */
    public static ClusterManifest parse(String yaml, String source) {
        KafkaCluster cluster;
        try {
            // Kind and apiVersion are checked as written: the KafkaCluster class always reports its own.
            GenericKubernetesResource generic = YAML.unmarshal(yaml, GenericKubernetesResource.class);
            if (generic == null) {
                throw new UserError(source + " is empty; it should hold one KafkaCluster, see"
                        + " examples/kafkacluster.yaml");
            }
            if (!"KafkaCluster".equals(generic.getKind()) || !API_VERSION.equals(generic.getApiVersion())) {
                throw new UserError(source + " holds a " + generic.getApiVersion() + " " + generic.getKind()
                        + ", not a " + API_VERSION + " KafkaCluster; the local runtime starts clusters from"
                        + " KafkaCluster manifests (see examples/kafkacluster.yaml)");
            }
            cluster = YAML.unmarshal(yaml, KafkaCluster.class);
        } catch (UserError e) {
            throw e;
        } catch (RuntimeException e) {
            throw new UserError(source + " is not a readable KafkaCluster manifest (" + rootMessage(e) + "); see"
                    + " examples/kafkacluster.yaml", e);
        }
        ValidatedSpec validated = KafkaClusterSpecs.validate(cluster);
        if (!validated.isValid()) {
            throw new UserError(source + " is refused; fix these fields:\n  " + validated.problems().stream()
                    .map(SpecProblem::toString).collect(Collectors.joining("\n  ")));
        }
        return new ClusterManifest(validated.clusterSpec(), cluster.specOrDefaults().effectiveVersion(),
                cluster.specOrDefaults().effectiveBrokers().effectiveRebalanceOnScaleUp());
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
