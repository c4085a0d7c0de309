package io.kafkaha.operator;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * {@code KAFKA_HEAP_OPTS} from a container's memory. Kafka's scripts default to a 1 GiB heap whatever the pod
 * has, which a smaller memory limit kills and a larger one wastes. Half of the memory goes to the heap and the
 * rest stays for Kafka's off-heap buffers and, above all, the page cache Kafka serves reads from; beyond
 * {@link #MAX_HEAP_MIB} more heap only lengthens GC pauses (Kafka's operations guide runs brokers with 6 GiB).
 */
public final class JvmHeap {
    static final long MAX_HEAP_MIB = 6 * 1024;
    private static final BigDecimal MIB = BigDecimal.valueOf(1024L * 1024L);

    private JvmHeap() {
    }

    /**
     * @return e.g. {@code -Xms1024m -Xmx1024m} (min = max: Kafka's own recommendation, no resizing pauses), from the
     *     memory limit, else the memory request; empty when neither is set, leaving Kafka's default
     */
    public static Optional<String> options(ResourceRequirements resources) {
        return memory(resources).map(bytes -> {
            long heapMib = Math.max(1, Math.min(MAX_HEAP_MIB, bytes.divide(MIB).longValue() / 2));
            return "-Xms" + heapMib + "m -Xmx" + heapMib + "m";
        });
    }

    private static Optional<BigDecimal> memory(ResourceRequirements resources) {
        if (resources == null) {
            return Optional.empty();
        }
        return memory(resources.getLimits()).or(() -> memory(resources.getRequests()));
    }

    private static Optional<BigDecimal> memory(Map<String, Quantity> quantities) {
        if (quantities == null || quantities.get("memory") == null) {
            return Optional.empty();
        }
        return Optional.of(Quantity.getAmountInBytes(quantities.get("memory")));
    }
}
