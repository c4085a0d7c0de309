package io.kafkaha.kubelet;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * What the {@link ProcessKubelet} knows of one pod name, across the pod objects that had that name: its loopback
 * address, its directory (volumes and {@code pod.log}), the pid of its running container process if any, how often
 * a process was started for it, and how each ended.
 */
public record KubeletPod(String name, String address, Path dir, OptionalLong pid, int starts,
                         List<Termination> terminations) {

    /** The directory standing in for the pod's volume {@code volume} (its PVC for a claim). */
    public Path volume(String volume) {
        return io.kafkaha.cli.it.PodProcess.volume(dir, volume);
    }

    public Path log() {
        return dir.resolve("pod.log");
    }
}
