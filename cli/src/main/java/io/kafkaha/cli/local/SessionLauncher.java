package io.kafkaha.cli.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Puts a node in a session of its own with {@code setsid} (util-linux) when the machine has it, so signals meant
 * for the terminal (Ctrl-C while {@code up} waits) do not reach the cluster. Without it (macOS) nodes still run
 * detached from the CLI's lifetime, just in its process group.
 */
final class SessionLauncher {
    private static final Optional<Path> SETSID = find("setsid");

    private SessionLauncher() {
    }

    static List<String> detach(List<String> command) {
        if (SETSID.isEmpty()) {
            return command;
        }
        List<String> detached = new ArrayList<>();
        detached.add(SETSID.get().toString());
        detached.addAll(command);
        return detached;
    }

    private static Optional<Path> find(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
