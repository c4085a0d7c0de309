package io.kafkaha.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * fabric8's CRUD mock API server, plus what the operator needs from a real one: server-side apply. The mock answers
 * an apply patch ({@code application/apply-patch+yaml}) with 415, and the operator as users run it applies every
 * owned object and its status that way. Here an apply
 * <ul>
 *   <li>creates the object when it does not exist, and otherwise updates it to the JSON merge patch of the
 *       applied fields onto the stored object (lists replaced whole);</li>
 *   <li>writes nothing when it changes nothing, as a real API server: no new resourceVersion, no watch event;</li>
 *   <li>records the applier's fields in {@code metadata.managedFields} (every list owned whole), which JOSDK's
 *       server-side-apply matcher reads to decide whether an object needs applying at all.</li>
 * </ul>
 * Field ownership conflicts are not modelled (nothing else writes the operator's fields here). Every request is
 * recorded in an {@link ApiRequestLog}.
 */
final class ApplyingCrudDispatcher extends KubernetesCrudDispatcher {
    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final ApiRequestLog log;

    ApplyingCrudDispatcher(ApiRequestLog log) {
        this.log = log;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        log.add(new ApiRequestLog.Request(request.getMethod(), request.getPath(),
                String.valueOf(request.getHeader("User-Agent")), System.nanoTime()));
        return super.dispatch(request);
    }

    @Override
    public MockResponse handlePatch(RecordedRequest request) {
        String type = request.getHeader("Content-Type");
        if (type == null || !type.contains("apply-patch")) {
            return super.handlePatch(request);
        }
        String path = request.getPath();
        int query = path.indexOf('?');
        String bare = query < 0 ? path : path.substring(0, query);
        boolean status = bare.endsWith("/status");
        // The body is YAML or JSON (YAML's subset); the mock's handlers take JSON.
        ObjectNode applied = MAPPER.valueToTree(JSON.unmarshal(request.getUtf8Body(),
                GenericKubernetesResource.class));
        if (!status) {
            // As kube-apiserver records them: the object's identity is nobody's field.
            ObjectNode fields = fieldsOf(applied);
            fields.remove(java.util.List.of("f:apiVersion", "f:kind"));
            if (fields.get("f:metadata") instanceof ObjectNode metadata) {
                metadata.remove(java.util.List.of("f:name", "f:namespace"));
            }
            ((ObjectNode) applied.with("metadata")).set("managedFields", MAPPER.createArrayNode().add(
                    MAPPER.createObjectNode().put("manager", fieldManager(path)).put("operation", "Apply")
                            .put("apiVersion", applied.path("apiVersion").asText())
                            .put("fieldsType", "FieldsV1").set("fieldsV1", fields)));
        }
        Map.Entry<?, String> stored = findResource(getKey(status ? bare.substring(0, bare.lastIndexOf('/')) : bare));
        if (stored == null && !status) {
            return super.handleCreate(new RecordedRequest(request.getHttpVersion(), HttpMethod.POST,
                    bare.substring(0, bare.lastIndexOf('/')),
                    request.getHeaders().newBuilder().set("Content-Type", "application/json").build(),
                    new Buffer(applied.toString().getBytes(StandardCharsets.UTF_8))));
        }
        if (stored == null) {
            return new MockResponse().setResponseCode(404);
        }
        JsonNode current = asJson(stored.getValue());
        JsonNode merged = merge(current.deepCopy(), status
                ? MAPPER.createObjectNode().set("status", applied.path("status")) : applied);
        if (merged.equals(current)) {
            return new MockResponse().setResponseCode(200).setBody(stored.getValue());
        }
        // The whole merged object, as an update at the stored resourceVersion (the mock's own merge differs).
        return super.handleUpdate(new RecordedRequest(request.getHttpVersion(), HttpMethod.PUT, bare,
                request.getHeaders().newBuilder().set("Content-Type", "application/json").build(),
                new Buffer(merged.toString().getBytes(StandardCharsets.UTF_8))));
    }

    /** RFC 7386 JSON merge patch of {@code patch} onto {@code target}. */
    private static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target.isObject() ? (ObjectNode) target : MAPPER.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), merge(result.path(field.getKey()), field.getValue()));
            }
        }
        return result;
    }

    /** The FieldsV1 form of the fields an apply sets: {@code f:<name>} per field, each list as a whole. */
    private static ObjectNode fieldsOf(JsonNode applied) {
        ObjectNode fields = MAPPER.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = applied.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            if (name.equals("managedFields")) {
                continue;
            }
            fields.set("f:" + name, field.getValue().isObject() && !field.getValue().isEmpty()
                    ? fieldsOf(field.getValue()) : MAPPER.createObjectNode());
        }
        return fields;
    }

    private static String fieldManager(String path) {
        int at = path.indexOf("fieldManager=");
        if (at < 0) {
            return "unknown";
        }
        String value = path.substring(at + "fieldManager=".length());
        int end = value.indexOf('&');
        return URLDecoder.decode(end < 0 ? value : value.substring(0, end), StandardCharsets.UTF_8);
    }

    private static JsonNode asJson(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the mock server stored an object that is not JSON", e);
        }
    }
}
