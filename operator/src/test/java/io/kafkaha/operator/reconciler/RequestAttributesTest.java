package io.kafkaha.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestAttributesTest {
    @ParameterizedTest(name = "{0} {1} -> {2} {3} {4}")
    @CsvSource(delimiter = '|', textBlock = """
            GET | /api/v1/namespaces/n/configmaps/kafka-cluster-id | '' | configmaps | get
            GET | /api/v1/namespaces/n/configmaps?labelSelector=a%3Db | '' | configmaps | list
            GET | /apis/apps/v1/statefulsets?labelSelector=a&watch=true | apps | statefulsets | watch
            GET | /apis/apps/v1/namespaces/n/statefulsets?watch=1 | apps | statefulsets | watch
            GET | /api/v1/watch/namespaces/n/services | '' | services | watch
            GET | /apis/kafkaha.io/v1beta1/kafkaclusters?resourceVersion=0 | kafkaha.io | kafkaclusters | list
            POST | /api/v1/namespaces/n/events | '' | events | create
            PUT | /apis/policy/v1/namespaces/n/poddisruptionbudgets/kafka-b | policy | poddisruptionbudgets | update
            PATCH | /api/v1/namespaces/n/pods/p/status | '' | pods/status | patch
            DELETE | /api/v1/namespaces/n/pods/kafka-broker-3 | '' | pods | delete
            DELETE | /api/v1/namespaces/n/pods | '' | pods | deletecollection
            GET | /api/v1/namespaces/n | '' | namespaces | get
            PUT | /api/v1/namespaces/n/finalize | '' | namespaces/finalize | update
            GET | /apis/storage.k8s.io/v1/storageclasses/standard | storage.k8s.io | storageclasses | get
            """)
    void resourceRequestsHaveGroupResourceAndVerb(String method, String path, String group, String resource,
                                                  String verb) {
        assertThat(RequestAttributes.of(method, path)).contains(new ApiPermission(group, resource, verb));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api", "/api/v1", "/apis", "/apis/kafkaha.io", "/apis/kafkaha.io/v1beta1", "/version"})
    void discoveryNeedsNoRule(String path) {
        assertThat(RequestAttributes.of("GET", path)).isEqualTo(Optional.empty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/healthz", "/openapi/v2", "/"})
    void otherNonResourcePathsAreNotRecognised(String path) {
        assertThatThrownBy(() -> RequestAttributes.of("GET", path)).isInstanceOf(IllegalArgumentException.class);
    }
}
