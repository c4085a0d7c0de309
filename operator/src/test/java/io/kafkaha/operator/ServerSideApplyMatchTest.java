package io.kafkaha.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.config.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.SSABasedGenericKubernetesResourceMatcher;
import io.kafkaha.core.render.StartScript;
import io.kafkaha.core.spec.NodeRole;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A StatefulSet as an API server returns it after the operator applied it (server-side apply) must compare equal
 * to the desired one in JOSDK's SSA matcher, or every reconciliation re-applies it. The mock API server has no
 * server-side apply, so the stored form is made here from the applied JSON: as kube-apiserver makes it (empty
 * strings dropped by Go's {@code omitempty}, server defaults added, {@code managedFields} listing each applied
 * field, list items keyed by their merge keys), and as a simpler SSA emulation makes it (the JSON kept as sent,
 * whole lists owned). JOSDK fills {@code value: ""} into every stored variable without a value before comparing
 * (its PodTemplateSpecSanitizer); where the whole list is owned that filled-in value is compared too.
 */
class ServerSideApplyMatchTest {
    private static final String FIELD_MANAGER = "kafkacluster";
    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    /** Merge keys of the associative lists in a StatefulSet; other lists are atomic. */
    private static final Map<String, List<String>> LIST_KEYS = Map.of(
            "containers", List.of("name"), "initContainers", List.of("name"), "env", List.of("name"),
            "ports", List.of("containerPort", "protocol"), "volumeMounts", List.of("mountPath"),
            "volumes", List.of("name"), "topologySpreadConstraints", List.of("topologyKey", "whenUnsatisfiable"),
            "imagePullSecrets", List.of("name"));
    /** Maps whose values are data, kept even when empty. */
    private static final Set<String> STRING_MAPS = Set.of("labels", "annotations", "matchLabels", "nodeSelector",
            "data");

    /** How a server stores an applied object and records who applied which fields. */
    enum Server {
        /** Drops empty strings; owns each field and each list item by its key (structured-merge-diff). */
        KUBE_APISERVER,
        /** Keeps the JSON as sent; owns whole lists. */
        WHOLE_LISTS
    }

    @ParameterizedTest
    @MethodSource("rolesOnServers")
    void theStoredFormOfTheAppliedStatefulSetMatchesTheDesiredOne(NodeRole role, Server server) {
        StatefulSet desired = NodeStatefulSet.desired(Clusters.desiredSeed(), role);

        assertThat(matches(storedAfterApplying(desired, server), desired)).isTrue();
    }

    @ParameterizedTest
    @MethodSource("rolesOnServers")
    void aChangedSpecDoesNotMatch(NodeRole role, Server server) {
        StatefulSet desired = NodeStatefulSet.desired(Clusters.desiredSeed(), role);
        StatefulSet stored = storedAfterApplying(desired, server);
        StatefulSet scaled = JSON.clone(desired);
        scaled.getSpec().setReplicas(4);

        assertThat(matches(stored, scaled)).isFalse();
    }

    /** Why the pod name's variable has an empty value beside its valueFrom. */
    @ParameterizedTest
    @EnumSource(NodeRole.class)
    void aValueFromVariableWithoutTheEmptyValueDoesNotMatchWhereWholeListsAreOwned(NodeRole role) {
        StatefulSet withoutValue = NodeStatefulSet.desired(Clusters.desiredSeed(), role);
        withoutValue.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(env -> env.getName().equals(StartScript.NODE_NAME)).forEach(env -> env.setValue(null));

        assertThat(matches(storedAfterApplying(withoutValue, Server.KUBE_APISERVER), withoutValue)).isTrue();
        assertThat(matches(storedAfterApplying(withoutValue, Server.WHOLE_LISTS), withoutValue)).isFalse();
    }

    static Stream<Arguments> rolesOnServers() {
        return Arrays.stream(NodeRole.values())
                .flatMap(role -> Arrays.stream(Server.values()).map(server -> Arguments.of(role, server)));
    }

    private static boolean matches(StatefulSet stored, StatefulSet desired) {
        return SSABasedGenericKubernetesResourceMatcher.<StatefulSet>getInstance().matches(stored, desired,
                context());
    }

    /** What {@code server} returns after an apply of {@code desired} by {@link #FIELD_MANAGER}. */
    @SuppressWarnings("unchecked")
    private static StatefulSet storedAfterApplying(StatefulSet desired, Server server) {
        Map<String, Object> applied = JSON.convertValue(desired, Map.class);
        boolean kube = server == Server.KUBE_APISERVER;
        Map<String, Object> fields = fieldsOf(applied, kube);
        fields.remove("f:apiVersion");
        fields.remove("f:kind");
        Map<String, Object> metadataFields = (Map<String, Object>) fields.get("f:metadata");
        metadataFields.remove("f:name");
        metadataFields.remove("f:namespace");

        Map<String, Object> stored = (Map<String, Object>) (kube ? withoutEmptyStrings(applied, "")
                : JSON.convertValue(desired, Map.class));
        Map<String, Object> metadata = (Map<String, Object>) stored.get("metadata");
        metadata.put("uid", "0b9a7c1e-6f3d-4c55-9a51-3f1d1e2b7c90");
        metadata.put("resourceVersion", "4711");
        metadata.put("generation", 1);
        metadata.put("creationTimestamp", "2026-01-01T00:00:00Z");
        metadata.put("managedFields", List.of(
                Map.of("manager", FIELD_MANAGER, "operation", "Apply", "apiVersion", "apps/v1",
                        "time", "2026-01-01T00:00:00Z", "fieldsType", "FieldsV1", "fieldsV1", fields),
                Map.of("manager", "kube-controller-manager", "operation", "Update", "apiVersion", "apps/v1",
                        "time", "2026-01-01T00:00:01Z", "fieldsType", "FieldsV1", "subresource", "status",
                        "fieldsV1", Map.of("f:status", Map.of("f:replicas", Map.of())))));
        Map<String, Object> spec = (Map<String, Object>) stored.get("spec");
        spec.put("revisionHistoryLimit", 10);
        Map<String, Object> podSpec = (Map<String, Object>) ((Map<String, Object>) spec.get("template")).get("spec");
        podSpec.put("dnsPolicy", "ClusterFirst");
        // kube-apiserver's defaults; a simpler emulation, owning whole lists, leaves them alone.
        for (Map<String, Object> container : kube ? (List<Map<String, Object>>) podSpec.get("containers")
                : List.<Map<String, Object>>of()) {
            container.put("terminationMessagePath", "/dev/termination-log");
            container.put("imagePullPolicy", "IfNotPresent");
            ((List<Map<String, Object>>) container.getOrDefault("ports", List.of()))
                    .forEach(port -> port.putIfAbsent("protocol", "TCP"));
            ((List<Map<String, Object>>) container.getOrDefault("env", List.of())).stream()
                    .map(env -> (Map<String, Object>) env.get("valueFrom")).filter(java.util.Objects::nonNull)
                    .map(from -> (Map<String, Object>) from.get("fieldRef")).filter(java.util.Objects::nonNull)
                    .forEach(ref -> ref.putIfAbsent("apiVersion", "v1"));
        }
        stored.put("status", Map.of("replicas", 3, "readyReplicas", 3, "observedGeneration", 1));
        return JSON.convertValue(stored, StatefulSet.class);
    }

    /**
     * The applied object's fields as FieldsV1: {@code f:name} per field, and {@code k:{key}} per list item where
     * {@code itemsKeyed} (otherwise a list is one field).
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> fieldsOf(Map<String, Object> object, boolean itemsKeyed) {
        Map<String, Object> fields = new LinkedHashMap<>();
        object.forEach((name, value) -> {
            if (value instanceof Map<?, ?> map) {
                fields.put("f:" + name, fieldsOf((Map<String, Object>) map, itemsKeyed));
            } else if (value instanceof List<?> list && itemsKeyed && LIST_KEYS.containsKey(name)) {
                Map<String, Object> items = new LinkedHashMap<>();
                for (Object item : list) {
                    Map<String, Object> entry = (Map<String, Object>) item;
                    Map<String, Object> key = new LinkedHashMap<>();
                    LIST_KEYS.get(name).forEach(k -> key.put(k, entry.getOrDefault(k, "TCP")));
                    Map<String, Object> itemFields = new LinkedHashMap<>();
                    itemFields.put(".", Map.of());
                    itemFields.putAll(fieldsOf(entry, true));
                    items.put("k:" + JSON.asJson(key), itemFields);
                }
                fields.put("f:" + name, items);
            } else {
                fields.put("f:" + name, Map.of());
            }
        });
        return fields;
    }

    /** A deep, mutable copy without {@code ""} in struct fields, as Go's {@code omitempty} writes them. */
    @SuppressWarnings("unchecked")
    private static Object withoutEmptyStrings(Object value, String name) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((key, child) -> {
                if (!"".equals(child) || STRING_MAPS.contains(name)) {
                    copy.put(key, withoutEmptyStrings(child, key));
                }
            });
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(withoutEmptyStrings(item, name)));
            return copy;
        }
        return value;
    }

    /** The two things JOSDK's matcher asks of the context: the field manager and the client's serialization. */
    private static Context<?> context() {
        ControllerConfiguration<?> configuration = proxy(ControllerConfiguration.class, Map.of(
                "fieldManager", FIELD_MANAGER));
        KubernetesClient client = proxy(KubernetesClient.class, Map.of("getKubernetesSerialization", JSON));
        return proxy(Context.class, Map.of("getControllerConfiguration", configuration, "getClient", client));
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Map<String, Object> answers) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            if (!answers.containsKey(method.getName())) {
                throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName());
            }
            return answers.get(method.getName());
        });
    }
}
