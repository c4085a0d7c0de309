package io.kafkaha.kubelet;

import java.time.Instant;

/** One container as the kubelet sees it, for the pod's status ({@link PodStatusReport}). */
record ContainerFacts(String name, String image, boolean running, boolean ready, int restartCount,
                      Instant startedAt, Termination lastTermination) {
}
