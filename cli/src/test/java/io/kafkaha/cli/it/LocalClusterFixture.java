package io.kafkaha.cli.it;

import io.kafkaha.cli.local.NodeProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A local cluster for one test class: started through the CLI, always torn down, even when the test failed
 * half-way: {@code down --purge} first, then SIGKILL for anything whose pid file is still there.
 */
final class LocalClusterFixture implements AutoCloseable {
    final Cli cli;
    final String name;
    final Path home;

    LocalClusterFixture(Path home, String name) {
        this.home = home;
        this.name = name;
        this.cli = new Cli(home);
    }

    /** {@code local up} of a new cluster; {@code more} are further options, e.g. {@code --isolated}. */
    Cli.Result up(int portBase, int controllers, int brokers, String... more) {
        List<String> args = new ArrayList<>(List.of("local", "up", "--name", name, "--port-base",
                String.valueOf(portBase), "--controllers", String.valueOf(controllers), "--brokers",
                String.valueOf(brokers)));
        args.addAll(List.of(more));
        return cli.run(args.toArray(String[]::new));
    }

    String bootstrap() {
        return cli.run("local", "bootstrap", "--name", name).assertOk().out().trim();
    }

    Path clusterDir() {
        return home.resolve("clusters").resolve(name);
    }

    /**
     * For a failure message: each node's last warnings and errors (connection refusals left out: every restart
     * makes them), so a CI log shows what Kafka said without the cluster's directory.
     */
    String diagnostics() {
        StringBuilder out = new StringBuilder("last warnings and errors per node:");
        try (Stream<Path> nodes = Files.list(clusterDir().resolve("nodes"))) {
            for (Path node : nodes.sorted().toList()) {
                Path log = node.resolve("node.log");
                List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
                List<String> notable = lines.stream().filter(line -> line.contains("] WARN ")
                        || line.contains("] ERROR ")).filter(line -> !line.contains("could not be established"))
                        .toList();
                out.append("\n").append(node.getFileName()).append(':');
                notable.subList(Math.max(0, notable.size() - 8), notable.size())
                        .forEach(line -> out.append("\n  ").append(line, 0, Math.min(line.length(), 300)));
            }
        } catch (IOException e) {
            out.append(" not readable: ").append(e);
        }
        return out.toString();
    }

    @Override
    public void close() {
        try {
            cli.run("local", "down", "--purge", "--name", name);
        } finally {
            killLeftovers(home);
        }
    }

    /** Last resort: no test may leave a Kafka process behind. */
    static void killLeftovers(Path home) {
        if (!Files.isDirectory(home)) {
            return;
        }
        try (Stream<Path> files = Files.walk(home)) {
            // NodeProcess checks the recorded start time, so a reused pid is never killed.
            files.filter(path -> path.getFileName().toString().equals("pid")).toList()
                    .forEach(pidFile -> new NodeProcess(pidFile).kill());
        } catch (IOException e) {
            // nothing to kill
        }
    }
}
