package io.kafkaha.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import org.junit.jupiter.api.Test;

class JvmHeapTest {

    @Test
    void halfOfTheMemoryLimit() {
        assertThat(JvmHeap.options(memory("2Gi", "4Gi"))).contains("-Xms2048m -Xmx2048m");
    }

    @Test
    void halfOfTheRequestWithoutALimit() {
        assertThat(JvmHeap.options(memory("1Gi", null))).contains("-Xms512m -Xmx512m");
        assertThat(JvmHeap.options(memory("1000M", null))).contains("-Xms476m -Xmx476m");
    }

    @Test
    void cappedSoMemoryBeyondItIsPageCache() {
        assertThat(JvmHeap.options(memory(null, "64Gi"))).contains("-Xms6144m -Xmx6144m");
    }

    @Test
    void kafkasDefaultWithoutMemory() {
        assertThat(JvmHeap.options(null)).isEmpty();
        assertThat(JvmHeap.options(new ResourceRequirements())).isEmpty();
        assertThat(JvmHeap.options(new ResourceRequirementsBuilder().addToLimits("cpu", new Quantity("2")).build()))
                .isEmpty();
    }

    private static ResourceRequirements memory(String request, String limit) {
        ResourceRequirementsBuilder builder = new ResourceRequirementsBuilder();
        if (request != null) {
            builder.addToRequests("memory", new Quantity(request));
        }
        if (limit != null) {
            builder.addToLimits("memory", new Quantity(limit));
        }
        return builder.build();
    }
}
