package io.kafkaha.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A part of the spec that keeps the fields it does not know instead of failing to deserialize. The API server
 * drops unknown fields (the schema does not preserve them) and kubectl refuses them, but resources also come from
 * files and from test servers that do neither; there a typo such as {@code replica: 5} must become a problem that
 * names the field, not an exception that hides the whole resource from the operator.
 * <p>
 * The unknown fields are serialized as they came, because the operator framework hands the reconciler a copy
 * made by serializing the resource: without them the copy would look clean and a typo would be silently ignored.
 * They do not widen the schema: the CRD generator only preserves unknown fields for {@code @JsonAnySetter} /
 * {@code @JsonAnyGetter} classes when asked to, and {@link io.kafkaha.api.CrdGenerator} does not ask.
 */
public abstract class SpecPart {
    @JsonIgnore
    private final Map<String, Object> unknownFields = new LinkedHashMap<>();

    @JsonAnySetter
    void putUnknownField(String name, Object value) {
        unknownFields.put(name, value);
    }

    @JsonAnyGetter
    @JsonIgnore
    Map<String, Object> unknownFieldsToWrite() {
        return unknownFields;
    }

    /** Fields of the source object that this class does not have, by name, in the order they came. */
    public Map<String, Object> unknownFields() {
        return Collections.unmodifiableMap(unknownFields);
    }

    /** The field names this part has, in the documented order (its {@link JsonPropertyOrder}). */
    public List<String> knownFields() {
        return List.of(getClass().getAnnotation(JsonPropertyOrder.class).value());
    }
}
