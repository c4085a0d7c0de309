package io.kafkaha.operator.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.kafkaha.api.v1beta1.KafkaCluster;
import io.kafkaha.operator.DesiredCluster;

/**
 * An object owned by a KafkaCluster whose desired state is one pure builder applied to the {@link DesiredCluster}
 * the reconciler rendered for this reconciliation. JOSDK adds the owner reference (the object is garbage-collected
 * with the cluster) and creates or updates it; subclasses only say which object and which builder.
 * <p>
 * Several objects of one kind (two StatefulSets, three Services) share one informer, and each dependent finds its
 * own object by name ({@link #targetSecondaryResourceID}): JOSDK 5 replaced resource discriminators with this.
 */
public abstract class ClusterDependent<R extends HasMetadata> extends CRUDKubernetesDependentResource<R, KafkaCluster> {
    private static final String DESIRED_CLUSTER = DesiredCluster.class.getName();

    protected ClusterDependent(Class<R> kind) {
        super(kind);
    }

    /** The object's name for cluster {@code cluster}, from {@link io.kafkaha.operator.ResourceNames}. */
    protected abstract String name(String cluster);

    /** The object as the pure builders make it. */
    protected abstract R build(DesiredCluster cluster);

    @Override
    protected R desired(KafkaCluster primary, Context<KafkaCluster> context) {
        return build(context.managedWorkflowAndDependentResourceContext().getMandatory(DESIRED_CLUSTER,
                DesiredCluster.class));
    }

    @Override
    protected ResourceID targetSecondaryResourceID(KafkaCluster primary, Context<KafkaCluster> context) {
        return new ResourceID(name(primary.getMetadata().getName()), primary.getMetadata().getNamespace());
    }

    /** Hands the rendering to the dependents of this reconciliation; call before running the workflow. */
    static void provide(Context<KafkaCluster> context, DesiredCluster cluster) {
        context.managedWorkflowAndDependentResourceContext().put(DESIRED_CLUSTER, cluster);
    }
}
