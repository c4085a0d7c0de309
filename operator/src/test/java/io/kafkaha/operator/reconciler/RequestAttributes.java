package io.kafkaha.operator.reconciler;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What Kubernetes' RBAC authorizer checks for an API request: its group, resource (with subresource) and verb,
 * read from the method and the path as kube-apiserver's {@code RequestInfoFactory} reads them. Discovery needs no
 * rule (every authenticated user may read it), so it has none; any other path outside the resource API fails, as it
 * would need a rule with {@code nonResourceURLs}.
 */
final class RequestAttributes {
    /** The namespace's own subresources: {@code /api/v1/namespaces/N/status} is not a resource "status" in N. */
    private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

    private RequestAttributes() {
    }

    /** {@code path} with its query, as the request line has it. */
    static Optional<ApiPermission> of(String method, String path) {
        int query = path.indexOf('?');
        List<String> segments = segments(query < 0 ? path : path.substring(0, query));
        boolean watchParameter = query >= 0 && Arrays.stream(path.substring(query + 1).split("&"))
                .anyMatch(p -> p.equals("watch=true") || p.equals("watch=1"));
        if (isDiscovery(segments)) {
            return Optional.empty();
        }
        String group = segments.get(0).equals("api") ? "" : segments.get(1);
        List<String> rest = segments.subList(segments.get(0).equals("api") ? 2 : 3, segments.size());
        boolean watchPrefix = rest.get(0).equals("watch");
        if (watchPrefix) {
            rest = rest.subList(1, rest.size());
        }
        if (rest.get(0).equals("namespaces") && rest.size() > 2 && !NAMESPACE_SUBRESOURCES.contains(rest.get(2))) {
            rest = rest.subList(2, rest.size());
        }
        boolean named = rest.size() > 1;
        String resource = rest.size() > 2 ? rest.get(0) + "/" + rest.get(2) : rest.get(0);
        return Optional.of(new ApiPermission(group, resource, verb(method, named, watchPrefix || watchParameter)));
    }

    private static List<String> segments(String path) {
        return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    }

    /** {@code /api}, {@code /api/V}, {@code /apis}, {@code /apis/G}, {@code /apis/G/V}, {@code /version}. */
    private static boolean isDiscovery(List<String> segments) {
        if (segments.equals(List.of("version"))) {
            return true;
        }
        if (segments.isEmpty() || !segments.get(0).equals("api") && !segments.get(0).equals("apis")) {
            throw new IllegalArgumentException("not a resource path and not discovery: /" + String.join("/",
                    segments));
        }
        return segments.size() <= (segments.get(0).equals("api") ? 2 : 3);
    }

    private static String verb(String method, boolean named, boolean watch) {
        return switch (method) {
            case "GET" -> watch ? ApiPermission.WATCH : named ? ApiPermission.GET : ApiPermission.LIST;
            case "POST" -> ApiPermission.CREATE;
            case "PUT" -> ApiPermission.UPDATE;
            case "PATCH" -> ApiPermission.PATCH;
            case "DELETE" -> named ? ApiPermission.DELETE : ApiPermission.DELETE_COLLECTION;
            default -> throw new IllegalArgumentException("no RBAC verb for HTTP " + method);
        };
    }
}
