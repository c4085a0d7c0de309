package io.kafkaha.operator.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Comparator;
import java.util.List;

/**
 * One thing RBAC authorizes: a verb on a resource of an API group ({@code ""} is the core group). The resource may
 * be a subresource, {@code kafkaclusters/status}, as RBAC rules name it.
 */
record ApiPermission(String group, String resource, String verb) {
    static final String GET = "get";
    static final String LIST = "list";
    static final String WATCH = "watch";
    static final String CREATE = "create";
    static final String UPDATE = "update";
    static final String PATCH = "patch";
    static final String DELETE = "delete";
    static final String DELETE_COLLECTION = "deletecollection";
    /** Verbs in the order Kubernetes' own roles list them, so that generated rules read the same. */
    static final Comparator<String> VERB_ORDER = Comparator.comparingInt(
            List.of(GET, LIST, WATCH, CREATE, UPDATE, PATCH, DELETE, DELETE_COLLECTION)::indexOf);

    static ApiPermission of(Class<? extends HasMetadata> kind, String verb) {
        return new ApiPermission(HasMetadata.getGroup(kind), HasMetadata.getPlural(kind), verb);
    }

    static ApiPermission ofSubresource(Class<? extends HasMetadata> kind, String subresource, String verb) {
        return new ApiPermission(HasMetadata.getGroup(kind), HasMetadata.getPlural(kind) + "/" + subresource, verb);
    }
}
