package io.kafkaha.cli.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One node's operating-system process, tracked through its pid file ({@code pid startMillis}). The start time
 * guards against pid reuse: a pid file whose process has a different start time belongs to a process that is
 * gone. Nodes run in their own session ({@code setsid} where available), so Ctrl-C on the CLI never reaches them.
 */
public final class NodeProcess {
    private final Path pidFile;

    public NodeProcess(Path pidFile) {
        this.pidFile = pidFile;
    }

    /** The node's live process, if it runs. */
    public Optional<ProcessHandle> running() {
        return recorded().filter(ProcessHandle::isAlive);
    }

    /** True when a pid file exists but its process is gone: the node crashed or was killed. */
    public boolean exitedUnexpectedly() {
        return Files.exists(pidFile) && running().isEmpty();
    }

    /**
     * Whether the process that exited was asked to stop: a graceful {@link #stop} marks the node before its
     * SIGTERM and removes the pid file after, so at every moment one of the two tells a watcher (the
     * {@link LocalSupervisor}) that an exit was not a crash.
     */
    public boolean stopRequested(ProcessHandle exited) {
        return Files.exists(stopMarker()) || !recordedPid().equals(Optional.of(exited.pid()));
    }

    private Path stopMarker() {
        return pidFile.resolveSibling(pidFile.getFileName() + ".stopping");
    }

    private Optional<Long> recordedPid() {
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile).trim().split("\\s+")[0]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private Optional<ProcessHandle> recorded() {
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        try {
            String[] parts = Files.readString(pidFile).trim().split("\\s+");
            long pid = Long.parseLong(parts[0]);
            long startMillis = Long.parseLong(parts[1]);
            return ProcessHandle.of(pid).filter(handle -> handle.info().startInstant()
                    .map(start -> Math.abs(start.toEpochMilli() - startMillis) < 2_000)
                    .orElse(false));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public ProcessHandle launch(List<String> command, Map<String, String> environment, Path log) {
        List<String> detached = SessionLauncher.detach(command);
        ProcessBuilder builder = new ProcessBuilder(detached)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(log.getParent());
            Files.deleteIfExists(stopMarker());
            Process process = builder.start();
            long startMillis = process.info().startInstant().orElse(Instant.now()).toEpochMilli();
            Files.writeString(pidFile, process.pid() + " " + startMillis + "\n");
            return process.toHandle();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command + ": " + e.getMessage(), e);
        }
    }

    /**
     * SIGTERM, so Kafka shuts down cleanly (a broker first hands its partition leadership over), then SIGKILL if
     * it has not exited within {@code grace}. Returns false if it had to be killed.
     */
    public boolean stop(Duration grace) {
        Optional<ProcessHandle> process = running();
        boolean clean = true;
        if (process.isPresent()) {
            markStopping();
            process.get().destroy();
            if (!awaitExit(process.get(), grace)) {
                clean = false;
                kill();
            }
        }
        forget();
        return clean;
    }

    /** SIGKILL, like a machine or container crash; the pid file stays so status shows the node exited. */
    public void kill() {
        running().ifPresent(process -> {
            process.destroyForcibly();
            awaitExit(process, Duration.ofSeconds(30));
        });
    }

    private void markStopping() {
        try {
            Files.writeString(stopMarker(), "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot mark " + pidFile.getParent() + " as stopping: " + e.getMessage(), e);
        }
    }

    public void forget() {
        try {
            // Pid file first: until it is gone the marker says the exit was a stop.
            Files.deleteIfExists(pidFile);
            Files.deleteIfExists(stopMarker());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        CompletableFuture<ProcessHandle> exit = process.onExit();
        try {
            exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        }
    }
}
