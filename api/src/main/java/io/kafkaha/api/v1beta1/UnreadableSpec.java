package io.kafkaha.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A KafkaCluster's spec that does not read into a {@link KafkaClusterSpec}: a value of the wrong type such as
 * {@code brokers.replicas: "three"} or an object where a string belongs. The API server's schema refuses most of
 * these, but a CRD older or newer than the operator, a field the schema leaves open, or a server or file that does
 * not validate lets them through. Failing to deserialize would make the operator's informer fail on the whole
 * list of KafkaClusters and stop the operator; instead the resource reads with this stand-in, which
 * {@link KafkaClusterSpecs#validate(KafkaCluster)} refuses with the field and the fix, so only this cluster waits.
 * <p>
 * It writes the JSON back exactly as it came: a copy of the resource made by serializing it (JOSDK clones every
 * resource it hands to the reconciler that way) is unreadable in the same way, and a patch computed from it leaves
 * the user's spec alone. Its fields are those of an empty spec: never read them, {@link KafkaCluster#specOrDefaults}
 * refuses to.
 */
public final class UnreadableSpec extends KafkaClusterSpec {
    private static final int MAX_VALUE_LENGTH = 60;

    private final JsonNode json;
    private final SpecProblem problem;

    UnreadableSpec(JsonNode json, SpecProblem problem) {
        this.json = json;
        this.problem = problem;
    }

    /** The spec as the API server stored it. */
    @JsonValue
    public JsonNode json() {
        return json;
    }

    /** The first field that could not be read, and what to do. */
    public SpecProblem problem() {
        return problem;
    }

    /** Reads {@code spec} into a {@link KafkaClusterSpec}, or into an {@link UnreadableSpec} saying why not. */
    static final class Reader extends JsonDeserializer<KafkaClusterSpec> {
        @Override
        public KafkaClusterSpec deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode json = context.readTree(parser);
            try {
                return context.readTreeAsValue(json, KafkaClusterSpec.class);
            } catch (JsonMappingException e) {
                return new UnreadableSpec(json, problem(json, e));
            }
        }
    }

    /** The field's full path, the value found there, and what the field takes. */
    static SpecProblem problem(JsonNode json, JsonMappingException e) {
        StringBuilder field = new StringBuilder("spec");
        JsonNode value = json;
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                field.append('.').append(reference.getFieldName());
                value = value == null ? null : value.get(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
                value = value == null ? null : value.get(reference.getIndex());
            }
        }
        String found = value == null ? "the value" : shortened(value.toString());
        Class<?> expected = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        return new SpecProblem(field.toString(), found + " cannot be read as " + describe(expected)
                + "; correct the field, and check that the installed KafkaCluster CRD is the one of this kafka-ha"
                + " release (its schema refuses such values)");
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "what this field takes";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", "));
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return Map.class.isAssignableFrom(type) ? "an object of names and values" : "an object";
    }

    private static String shortened(String value) {
        return value.length() <= MAX_VALUE_LENGTH ? value : value.substring(0, MAX_VALUE_LENGTH - 3) + "...";
    }
}
