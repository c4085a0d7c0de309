package io.kafkaha.operator.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Minimal kubeconfig files for tests: one context {@code test} whose cluster is at a given address. Shared with the
 * cli module's tests through this module's test jar.
 */
public final class KubeconfigFiles {
    private KubeconfigFiles() {
    }

    public static Path pointingAt(Path dir, String server) throws IOException {
        return Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: test
                  cluster:
                    server: %s
                    insecure-skip-tls-verify: true
                users:
                - name: test
                  user:
                    token: not-a-real-token
                contexts:
                - name: test
                  context:
                    cluster: test
                    user: test
                current-context: test
                """.formatted(server));
    }
}
