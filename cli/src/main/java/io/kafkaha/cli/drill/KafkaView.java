package io.kafkaha.cli.drill;

import io.kafkaha.core.kafka.ClusterHealth;
import io.kafkaha.core.kafka.ClusterInspector;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;

/** Kafka's view of a drill's cluster, for every runtime's {@link DrillTarget#health()}. */
public final class KafkaView {
    private KafkaView() {
    }

    /** Asks through {@code admin}; {@link FaultNotInjected} saying {@code cluster} did not answer, and why. */
    public static ClusterHealth of(Admin admin, String cluster) {
        try {
            return new ClusterInspector(admin).inspect();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new FaultNotInjected("interrupted while asking the cluster for its state", interrupted);
        } catch (ExecutionException | RuntimeException unreachable) {
            Throwable cause = unreachable instanceof ExecutionException && unreachable.getCause() != null
                    ? unreachable.getCause() : unreachable;
            throw new FaultNotInjected(cluster + " did not answer (" + cause.getMessage() + ")", cause);
        }
    }
}
