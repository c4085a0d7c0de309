package io.kafkaha.operator.reconciler;

import static io.kafkaha.operator.reconciler.ApiPermission.CREATE;
import static io.kafkaha.operator.reconciler.ApiPermission.DELETE;
import static io.kafkaha.operator.reconciler.ApiPermission.GET;
import static io.kafkaha.operator.reconciler.ApiPermission.LIST;
import static io.kafkaha.operator.reconciler.ApiPermission.PATCH;
import static io.kafkaha.operator.reconciler.ApiPermission.UPDATE;
import static io.kafkaha.operator.reconciler.ApiPermission.WATCH;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.javaoperatorsdk.operator.api.config.ConfigurationService;
import io.javaoperatorsdk.operator.api.config.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.config.dependent.DependentResourceSpec;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.kafkaha.api.v1beta1.KafkaCluster;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The RBAC rules the operator's service account needs: exactly what the operator does, the one list the Helm
 * chart's role is checked against. {@code OperatorPermissionsTest} runs the operator against a mock API server, which
 * has no server-side apply (SSA), and checks that it uses all of {@link #rules(boolean) rules(false)} and nothing
 * else; how SSA changes them is pinned there to the JOSDK 5.3.2 behaviour described here. What JOSDK does is read
 * from its own configuration of {@link KafkaClusterReconciler}, so a new dependent changes the rules by itself; what
 * the operator's own code calls is listed with the class that calls it.
 * <ul>
 *   <li><b>KafkaClusters</b>: list and watch (JOSDK's informer on the primary resource); patch on
 *       {@code kafkaclusters/status}, for both {@code UpdateControl.patchStatus} and
 *       {@code ErrorStatusUpdateControl.patchStatus} ({@code ReconciliationDispatcher.CustomResourceFacade
 *       .patchStatus}: an apply patch with SSA, else a JSON patch, both on {@code /status}; a
 *       status apply never creates, as status subresources refuse create-on-update).
 *       Never get or update: the informer's cache is what the reconciler reads, and the status is never PUT. No
 *       patch on the KafkaCluster itself: JOSDK adds a finalizer only for a {@link Cleaner} or a dependent it deletes,
 *       and there is neither (checked below).</li>
 *   <li><b>Owned objects</b>, each kind of the {@code @Workflow} dependents: list and watch (the informers
 *       {@code KafkaClusterReconciler.prepareEventSources} makes, one per kind); to write,
 *       {@code KubernetesDependentResource} creates with POST and updates with PUT without SSA, and with SSA does
 *       both with an apply PATCH. An apply PATCH that creates the object is authorized as {@code create} as well
 *       as {@code patch}: kube-apiserver's {@code staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go}
 *       wraps the create path in {@code withAuthorization(..., createAuthorizerAttributes)}, verb {@code create}.
 *       So with SSA they need create and patch. JOSDK never uses SSA for ConfigMaps unless a dependent asks for it
 *       ({@code ConfigurationService.defaultNonSSAResources}), so ConfigMaps get create and update in both modes.
 *       Never get (JOSDK reads the informers' caches) nor delete: the dependents are garbage-collected, i.e. owned by
 *       the KafkaCluster, and Kubernetes' garbage collector deletes them with it.</li>
 *   <li><b>ConfigMaps</b> also get and create: {@link ClusterIds} reads the cluster id ConfigMap by name and creates
 *       it once (it is not owned and not in the workflow).</li>
 *   <li><b>Events</b> (core/v1): create, by {@link ClusterEvents}.</li>
 *   <li><b>Pods</b>: list and watch (the roll's informer) and delete ({@code roll.PodRoller} restarts a pod by
 *       deleting it; the StatefulSet controller creates it again).</li>
 * </ul>
 * API discovery ({@code runtime.OperatorPreflight}) needs no rule: every authenticated user may read it.
 */
public final class OperatorPermissions {
    private OperatorPermissions() {
    }

    /** The rules for the operator as it runs in production: JOSDK's defaults, server-side apply. */
    public static List<PolicyRule> rules() {
        return rules(true);
    }

    /**
     * The rules with server-side apply on (production) or off (both for dependents and for the status, as the tests
     * against a mock API server without SSA run the operator).
     */
    public static List<PolicyRule> rules(boolean serverSideApply) {
        return PolicyRules.of(permissions(serverSideApply));
    }

    /** Whether {@link #rules()} allow {@code verb} on {@code resource} (or {@code resource/subresource}). */
    public static boolean allows(String apiGroup, String resource, String verb) {
        return PolicyRules.allow(rules(), new ApiPermission(apiGroup, resource, verb));
    }

    static Set<ApiPermission> permissions(boolean serverSideApply) {
        ConfigurationService josdk = ConfigurationService.newOverriddenConfigurationService(overrider -> overrider
                .withSSABasedCreateUpdateMatchForDependentResources(serverSideApply)
                .withUseSSAToPatchPrimaryResource(serverSideApply));
        KafkaClusterReconciler reconciler = new KafkaClusterReconciler();
        ControllerConfiguration<KafkaCluster> controller = josdk.getConfigurationFor(reconciler);
        Set<ApiPermission> permissions = new LinkedHashSet<>();
        Class<KafkaCluster> primary = controller.getResourceClass();
        permissions.add(ApiPermission.of(primary, LIST));
        permissions.add(ApiPermission.of(primary, WATCH));
        permissions.add(ApiPermission.ofSubresource(primary, "status", PATCH));
        if (reconciler instanceof Cleaner<?>) {
            throw new IllegalStateException("a Cleaner makes JOSDK add and remove a finalizer: add patch on "
                    + HasMetadata.getPlural(primary) + " and check it in OperatorPermissionsTest");
        }
        for (DependentResourceSpec<?, ?, ?> spec : controller.getWorkflowSpec().orElseThrow()
                .getDependentResourceSpecs()) {
            KubernetesDependentResource<?, ?> dependent = (KubernetesDependentResource<?, ?>)
                    josdk.dependentResourceFactory().createFrom(spec, controller);
            permissions.addAll(dependentPermissions(dependent, josdk.shouldUseSSA(dependent)));
        }
        // ClusterIds: the cluster id ConfigMap, read by name and created once.
        permissions.add(ApiPermission.of(ConfigMap.class, GET));
        permissions.add(ApiPermission.of(ConfigMap.class, CREATE));
        // ClusterEvents: events on the KafkaCluster.
        permissions.add(ApiPermission.of(Event.class, CREATE));
        // The roll: kafka-ha's pods through an informer (KafkaClusterReconciler.podInformer), deleted one at a
        // time by PodRoller.
        permissions.add(ApiPermission.of(Pod.class, LIST));
        permissions.add(ApiPermission.of(Pod.class, WATCH));
        permissions.add(ApiPermission.of(Pod.class, DELETE));
        return permissions;
    }

    /** Watched through an informer, written as JOSDK writes it, never deleted (garbage-collected instead). */
    private static Set<ApiPermission> dependentPermissions(KubernetesDependentResource<?, ?> dependent,
                                                           boolean serverSideApply) {
        Class<? extends HasMetadata> kind = dependent.resourceType();
        if (dependent.isDeletable()) {
            throw new IllegalStateException(dependent.getClass().getName() + " is deleted by JOSDK, which then also"
                    + " adds a finalizer: add delete and patch on " + HasMetadata.getPlural(kind) + " and check them");
        }
        Set<ApiPermission> permissions = new LinkedHashSet<>(List.of(
                ApiPermission.of(kind, LIST), ApiPermission.of(kind, WATCH)));
        if (dependent instanceof Creator<?, ?>) {
            permissions.add(ApiPermission.of(kind, CREATE));
        }
        if (serverSideApply && (dependent instanceof Creator<?, ?> || dependent instanceof Updater<?, ?>)) {
            permissions.add(ApiPermission.of(kind, PATCH));
        } else if (dependent instanceof Updater<?, ?>) {
            permissions.add(ApiPermission.of(kind, UPDATE));
        }
        return permissions;
    }
}
