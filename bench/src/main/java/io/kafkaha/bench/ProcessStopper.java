package io.kafkaha.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Ends processes the benchmark started, and cleans up after them. */
final class ProcessStopper {
    private ProcessStopper() {
    }

    /**
     * SIGTERM to all at once (Kafka shuts down cleanly on it), SIGKILL to whatever still runs after {@code grace},
     * descendants included: a node killed while {@code kafka-storage.sh} formats has a child JVM of its own.
     */
    static void stop(Collection<ProcessHandle> processes, Duration grace) {
        List<ProcessHandle> all = new ArrayList<>();
        for (ProcessHandle process : processes) {
            process.descendants().forEach(all::add);
            all.add(process);
        }
        all.forEach(ProcessHandle::destroy);
        CompletableFuture<?>[] exits = all.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // some did not exit in time: killed below
        }
        kill(all);
    }

    static void kill(Collection<ProcessHandle> processes) {
        List<ProcessHandle> alive = processes.stream().filter(ProcessHandle::isAlive).toList();
        alive.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : alive) {
            try {
                process.onExit().get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                System.err.println("bench: process " + process.pid() + " did not exit after SIGKILL");
            }
        }
    }

    /** Deletes a directory tree; best effort, a leftover is reported, never fatal. */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("bench: could not delete " + dir + " completely: " + e.getMessage());
        }
    }

    /**
     * What a failed node's log says went wrong, in one line: the first ERROR line (Kafka's first complaint), with
     * the last "Caused by" that carries a message (e.g. "BindException: Address already in use"); else the last line.
     */
    static String cause(Path log) {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            String error = lines.stream().filter(line -> line.contains(" ERROR ")).findFirst()
                    .map(line -> line.strip().replaceFirst("^.*? ERROR ", "ERROR ")).orElse("");
            String causedBy = "";
            for (String line : lines) {
                String cause = line.strip();
                if (cause.startsWith("Caused by: ") && cause.indexOf(": ", "Caused by: ".length()) > 0) {
                    causedBy = cause;
                }
            }
            String summary = error.isEmpty() && !lines.isEmpty() ? lines.get(lines.size() - 1).strip()
                    : (error + (causedBy.isEmpty() ? "" : " " + causedBy)).strip();
            return summary.length() > 300 ? summary.substring(0, 300) + "…" : summary;
        } catch (IOException e) {
            return "(cannot read " + log + ")";
        }
    }

    /** The last {@code lines} lines of a log, for error messages. */
    static String tail(Path log, int lines) {
        try {
            if (!Files.exists(log)) {
                return "  (no " + log + ")";
            }
            List<String> all = Files.readAllLines(log);
            List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
            return "  " + log + ":\n    " + String.join("\n    ", last);
        } catch (IOException e) {
            return "  (cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
