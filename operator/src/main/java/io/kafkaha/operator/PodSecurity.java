package io.kafkaha.operator;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;

/**
 * Kafka pods as the "restricted" Pod Security Standard wants them: not root, no privilege escalation, no
 * capabilities, the runtime's default seccomp profile, and a read-only root filesystem (writable places are the
 * volumes of {@link PodLayout}).
 */
public final class PodSecurity {
    /** {@code appuser} of the official apache/kafka image, which owns /opt/kafka. */
    public static final long KAFKA_USER = 1000L;

    private PodSecurity() {
    }

    public static PodSecurityContext pod() {
        return new PodSecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withRunAsUser(KAFKA_USER)
                .withRunAsGroup(KAFKA_USER)
                // The volumes are group-owned by Kafka's group so a freshly provisioned one is writable ...
                .withFsGroup(KAFKA_USER)
                // ... and only relabelled when its root is not yet: a recursive chown of a full broker volume on
                // every start would delay restarts by minutes.
                .withFsGroupChangePolicy("OnRootMismatch")
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .build();
    }

    public static SecurityContext container() {
        return new SecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .build();
    }
}
