package io.kafkaha.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What the report says about the machine, and the Kafka processes on it. */
final class Machine {
    private Machine() {
    }

    static int cpus() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The 1-minute load average, or "?" where /proc/loadavg does not exist. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    static String java() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.version");
    }

    /** The Kafka version of the installation, from its {@code kafka_2.13-<version>.jar}. */
    static String kafkaVersion(Path kafkaHome) {
        try (Stream<Path> jars = Files.list(kafkaHome.resolve("libs"))) {
            return jars.map(jar -> jar.getFileName().toString())
                    .filter(name -> name.startsWith("kafka_2.13-") && name.endsWith(".jar"))
                    .map(name -> name.substring("kafka_2.13-".length(), name.length() - ".jar".length()))
                    .findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    /** Every Kafka broker or controller process on the machine, whoever started it. */
    static List<ProcessHandle> kafkaProcesses() {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().map(line -> line.contains("kafka.Kafka"))
                        .orElse(false))
                .toList();
    }

    /** The Kafka processes whose command line names a path under {@code dir}: ours. */
    static List<ProcessHandle> kafkaProcessesUnder(Path dir) {
        return kafkaProcesses().stream()
                .filter(process -> process.info().commandLine().map(line -> line.contains(dir.toString()))
                        .orElse(false))
                .toList();
    }
}
