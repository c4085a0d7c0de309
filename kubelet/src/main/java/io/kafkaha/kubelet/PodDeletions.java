package io.kafkaha.kubelet;

import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The grace period a pod's deletion asked for ({@code kubectl delete --grace-period=0 --force}, a drill's kill),
 * which fabric8's mock API server drops as it deletes the object at once: this dispatcher notes it from the DELETE
 * request's body so that the {@link ProcessKubelet} stops that pod's container as a kubelet would.
 */
final class PodDeletions extends KubernetesMixedDispatcher {
    private static final Pattern POD = Pattern.compile("/api/v1/namespaces/[^/]+/pods/([^/?]+)(\\?.*)?");
    private static final Pattern GRACE = Pattern.compile("\"gracePeriodSeconds\"\\s*:\\s*(\\d+)");

    private final Map<String, Duration> gracePeriods = new ConcurrentHashMap<>();

    PodDeletions(Map<ServerRequest, Queue<ServerResponse>> responses) {
        super(responses);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        if ("DELETE".equals(request.getMethod())) {
            Matcher pod = POD.matcher(request.getPath());
            Matcher grace = GRACE.matcher(Objects.requireNonNullElse(request.getUtf8Body(), ""));
            if (pod.matches() && grace.find()) {
                gracePeriods.put(pod.group(1), Duration.ofSeconds(Long.parseLong(grace.group(1))));
            }
        }
        return super.dispatch(request);
    }

    /** The grace period the latest deletion of the pod asked for, forgotten once taken; empty if it said none. */
    Optional<Duration> take(String pod) {
        return Optional.ofNullable(gracePeriods.remove(pod));
    }
}
