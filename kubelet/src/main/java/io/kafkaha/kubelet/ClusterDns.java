package io.kafkaha.kubelet;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.kafkaha.operator.StatefulSetPod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cluster DNS as a hosts file ({@code -Djdk.net.hosts.file}) for the pods' JVMs and the test's: every pod name has
 * a loopback address of its own, {@code <prefix><10+n>} in the order pods were first seen and kept for good, under
 * its DNS name {@code <hostname>.<subdomain>.<ns>.svc}; a Service with a cluster IP resolves to its ready pods'
 * addresses (to all of its pods while none is ready, so clients can always be created).
 */
final class ClusterDns {
    private static final int FIRST_HOST = 10;
    private static final int LAST_HOST = 254;

    private final String addressPrefix;
    private final Path hostsFile;
    private final Map<String, String> addresses = new LinkedHashMap<>();
    private String written;

    ClusterDns(String addressPrefix, Path hostsFile) {
        this.addressPrefix = addressPrefix;
        this.hostsFile = hostsFile;
        write(Map.of());
    }

    /** The pod's address, allocated the first time the name is seen. */
    synchronized String address(String podName) {
        return addresses.computeIfAbsent(podName, name -> {
            int host = FIRST_HOST + addresses.size();
            if (host > LAST_HOST) {
                throw new IllegalStateException("no loopback address left under " + addressPrefix + " for " + name);
            }
            return addressPrefix + host;
        });
    }

    synchronized Map<String, String> addresses() {
        return Map.copyOf(addresses);
    }

    /** Rewrites the hosts file for these pods and Services if anything changed. */
    synchronized void update(List<Pod> pods, List<Service> services) {
        Map<String, String> names = new TreeMap<>();
        for (Pod pod : pods) {
            if (pod.getSpec().getHostname() != null && pod.getSpec().getSubdomain() != null) {
                names.put(StatefulSetPod.dnsName(pod), address(pod.getMetadata().getName()));
            }
        }
        for (Service service : services) {
            Map<String, String> selector = service.getSpec().getSelector();
            if ("None".equals(service.getSpec().getClusterIP()) || selector == null || selector.isEmpty()) {
                continue;
            }
            List<Pod> selected = pods.stream().filter(pod -> pod.getMetadata().getLabels() != null
                    && pod.getMetadata().getLabels().entrySet().containsAll(selector.entrySet())).toList();
            List<Pod> ready = selected.stream().filter(pod -> PodStatusReport.isReady(pod.getStatus())).toList();
            List<String> endpoints = (ready.isEmpty() ? selected : ready).stream()
                    .map(pod -> address(pod.getMetadata().getName())).toList();
            if (!endpoints.isEmpty()) {
                names.put(service.getMetadata().getName() + "." + service.getMetadata().getNamespace() + ".svc",
                        String.join(" ", endpoints));
            }
        }
        write(names);
    }

    private void write(Map<String, String> names) {
        StringBuilder text = new StringBuilder("127.0.0.1 localhost\n");
        // One line per address: the JDK's hosts file resolver returns every line naming the host.
        names.forEach((name, hostAddresses) -> {
            for (String address : hostAddresses.split(" ")) {
                text.append(address).append(' ').append(name).append('\n');
            }
        });
        if (text.toString().equals(written)) {
            return;
        }
        try {
            Files.createDirectories(hostsFile.toAbsolutePath().getParent());
            Path next = hostsFile.resolveSibling(hostsFile.getFileName() + ".next");
            Files.writeString(next, text);
            // Atomic, so a JVM resolving a name meanwhile never reads half a file.
            Files.move(next, hostsFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            written = text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the hosts file " + hostsFile + ": " + e.getMessage(), e);
        }
    }
}
