package io.kafkaha.api.v1beta1;

/**
 * One reason a KafkaCluster is refused.
 *
 * @param field   path of the offending field in the resource, e.g. {@code spec.brokers.storage.size}
 * @param message what is wrong and what to do, written for the user who edits the resource
 */
public record SpecProblem(String field, String message) {
    @Override
    public String toString() {
        return field + ": " + message;
    }
}
