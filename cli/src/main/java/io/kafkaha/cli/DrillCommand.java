package io.kafkaha.cli;

import io.kafkaha.cli.client.OnShutdown;
import io.kafkaha.cli.client.VerifyTopic;
import io.kafkaha.cli.drill.DrillRun;
import io.kafkaha.cli.drill.DrillSettings;
import io.kafkaha.cli.drill.DrillTable;
import io.kafkaha.cli.drill.Fault;
import io.kafkaha.cli.drill.FaultCatalog;
import io.kafkaha.cli.drill.FaultResult;
import io.kafkaha.cli.local.ClusterSelection;
import io.kafkaha.cli.local.ExistingClusterSelection;
import io.kafkaha.cli.local.LocalCluster;
import io.kafkaha.cli.local.LocalDrillTarget;
import io.kafkaha.cli.drill.DrillTarget;
import io.kafkaha.cli.kubernetes.KubernetesDrill;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kafka-ha drill}: injects faults one after another into a running local cluster the user named, or with
 * {@code --kubernetes} into a KafkaCluster of the operator the user named, each under the verifier, and prints per
 * fault what was acknowledged, lost, duplicated, reordered, how long producers stalled and how long the cluster
 * took to be fully redundant again. See docs/drill.md.
 */
@Command(name = "drill", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Fault drill: while the verifier writes (acks=all, idempotent) and reads back, inject faults into a "
                    + "running local cluster one after another and print, per fault: records acknowledged, lost, "
                    + "duplicated, reordered, failed sends, the longest stall and the time until the cluster was "
                    + "fully redundant again.",
            "Faults: broker-kill, broker-pause, broker-isolate (only on a cluster started with 'local up "
                    + "--isolated'; skipped elsewhere), controller-kill, two-brokers-down, cluster-kill. The drill "
                    + "kills and freezes real processes, so it runs only against a cluster named with --name or --dir "
                    + "(with --kubernetes: --name and --namespace).",
            "Exit code 0 if every fault was injected and undone and no acknowledged record was lost, duplicated or "
                    + "reordered; 1 otherwise."
        })
public class DrillCommand implements Callable<Integer> {
    static final int PARTITIONS = 6;

    @Spec
    CommandSpec spec;

    @Mixin
    ExistingClusterSelection selection;

    @Option(names = "--faults", paramLabel = "LIST", defaultValue = "all",
            description = "Comma-separated faults to inject, in order (default: all, i.e. broker-kill,broker-pause,"
                    + "broker-isolate,controller-kill,two-brokers-down,cluster-kill; a fault the runtime cannot do is "
                    + "skipped with the reason).")
    String faults;

    @Option(names = "--records-per-fault", paramLabel = "N", defaultValue = "20000",
            description = "At least this many records per fault; more if the fault outlasts N/rate seconds "
                    + "(default: ${DEFAULT-VALUE}).")
    long recordsPerFault;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "2000",
            description = "Records per second (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--down-seconds", paramLabel = "S", defaultValue = "5",
            description = "How long killed nodes stay down before they are started again (default: ${DEFAULT-VALUE}).")
    long downSeconds;

    @Option(names = "--pause-seconds", paramLabel = "S", defaultValue = "20",
            description = "How long broker-pause keeps the broker frozen (default: ${DEFAULT-VALUE}).")
    long pauseSeconds;

    @Option(names = "--isolate-seconds", paramLabel = "S", defaultValue = "20",
            description = "How long broker-isolate keeps the broker cut off the network (default: ${DEFAULT-VALUE}).")
    long isolateSeconds;

    @Option(names = "--recover-timeout", paramLabel = "S", defaultValue = "180",
            description = "How long the cluster may take to be fully redundant again after each fault "
                    + "(default: ${DEFAULT-VALUE}).")
    long recoverTimeoutSeconds;

    @Option(names = "--topic", paramLabel = "NAME", defaultValue = "kafka-ha-drill",
            description = "Topic to verify on; created with " + PARTITIONS + " partitions, replication factor "
                    + "min(3, brokers) if missing (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--kubernetes",
            description = "Drill a KafkaCluster run by the kafka-ha operator, named with --name (and --namespace),"
                    + " through the current kubeconfig context: pods are deleted with grace period 0 and re-created"
                    + " by their StatefulSets at once (--down-seconds does not apply); broker-pause and"
                    + " two-brokers-down are skipped there. See docs/drill.md.")
    boolean kubernetes;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
            description = "With --kubernetes: the KafkaCluster's namespace (default: the kubeconfig context's).")
    String namespace;

    /** With --kubernetes. */
    @Mixin
    KubeconfigOptions kubeconfig;

    @Option(names = {"--bootstrap-server", "-b"}, paramLabel = "HOST:PORT[,HOST:PORT...]",
            description = "With --kubernetes: where the drill reaches Kafka (default: the cluster's bootstrap Service,"
                    + " NAME.NS.svc:9092, which resolves inside the Kubernetes cluster).")
    String bootstrapServer;

    @Override
    public Integer call() throws InterruptedException {
        List<Fault> chosen = "all".equals(faults) ? FaultCatalog.all() : FaultCatalog.parse(faults);
        DrillSettings settings = settings();
        PrintWriter err = spec.commandLine().getErr();
        if (kubernetes) {
            try (KubernetesDrill drill = KubernetesDrill.open(kubernetesOptions())) {
                say(err, "drill: KafkaCluster '" + drill.target().name() + "' at " + drill.target().bootstrapServers()
                        + ", " + chosen.size() + " faults, " + settings.recordsPerFault() + " records each at "
                        + settings.rate() + "/s on '" + settings.topic() + "'; pods are deleted with grace period 0"
                        + " and re-created by their StatefulSets at once (--down-seconds does not apply)");
                return run(drill.target(), chosen, settings);
            }
        }
        if (namespace != null || kubeconfig.given() || bootstrapServer != null) {
            throw new UserError("--namespace, --kubeconfig, --context and --bootstrap-server are for --kubernetes;"
                    + " a local cluster is named with --name NAME or --dir DIR alone");
        }
        if (!selection.given()) {
            throw new UserError("the drill kills and freezes nodes, so it never guesses the cluster: name it with"
                    + " --name NAME or --dir DIR (see 'kafka-ha local status --name NAME')");
        }
        LocalCluster cluster = selection.open();
        if (!cluster.anyRunning()) {
            throw new UserError("cluster '" + cluster.state().name() + "' is not running; start it with 'kafka-ha"
                    + " local up" + ClusterSelection.flagsFor(cluster) + "'");
        }
        try (LocalDrillTarget target = new LocalDrillTarget(cluster, err)) {
            say(err, "drill: cluster '" + cluster.state().name() + "', " + chosen.size() + " faults, "
                    + settings.recordsPerFault() + " records each at " + settings.rate() + "/s on '"
                    + settings.topic() + "'; fast fencing " + (target.fastFencing() ? "on" : "off"));
            return run(target, chosen, settings);
        }
    }

    private KubernetesDrill.Options kubernetesOptions() {
        if (!selection.nameGiven() || selection.dirGiven()) {
            throw new UserError("the drill deletes pods, so it never guesses the cluster: name the KafkaCluster with"
                    + " --name NAME (and --namespace NS, default the kubeconfig context's); --dir is for local"
                    + " clusters (list them with 'kubectl get kafkaclusters -A')");
        }
        if (namespace != null && namespace.isBlank() || bootstrapServer != null && bootstrapServer.isBlank()) {
            throw new UserError("--namespace and --bootstrap-server must not be empty; leave them out for the"
                    + " defaults");
        }
        return new KubernetesDrill.Options(selection.name(), namespace == null ? null : namespace.strip(),
                kubeconfig, bootstrapServer == null ? null : bootstrapServer.strip());
    }

    /** The faults in order, a table each as it ends, then the summary; 0 if every fault passed or was skipped. */
    private int run(DrillTarget target, List<Fault> chosen, DrillSettings settings) throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        new VerifyTopic(target.bootstrapServers(), settings.topic(), PARTITIONS).prepare(err, "drill");
        try (OnShutdown resume = OnShutdown.run("kafka-ha-drill-resume", target::close)) {
            List<FaultResult> results = new DrillRun(target, settings, line -> say(err, "drill: " + line))
                    .run(chosen, result -> {
                        DrillTable.detail(result).forEach(out::println);
                        out.println();
                        out.flush();
                    });
            out.println("drill summary:");
            DrillTable.lines(results).forEach(out::println);
            boolean injected = results.stream().anyMatch(result -> result.skipped().isEmpty());
            boolean passed = injected && results.stream().allMatch(FaultResult::passed);
            out.println("result: " + (passed ? "PASS" : injected ? "FAIL" : "FAIL (no fault could be injected here)"));
            out.flush();
            return passed ? 0 : 1;
        }
    }

    private DrillSettings settings() {
        if (recordsPerFault <= 0) {
            throw new UserError("--records-per-fault must be 1 or more, got " + recordsPerFault
                    + "; e.g. --records-per-fault 20000");
        }
        if (rate <= 0) {
            throw new UserError("--rate must be a positive number of records per second, got " + rate
                    + "; e.g. --rate 2000");
        }
        if (downSeconds <= 0) {
            throw new UserError("--down-seconds must be 1 or more, got " + downSeconds + "; e.g. --down-seconds 5");
        }
        if (pauseSeconds <= 0) {
            throw new UserError("--pause-seconds must be 1 or more, got " + pauseSeconds
                    + "; e.g. --pause-seconds 20 (beyond the broker session timeout, 6 s by default)");
        }
        if (isolateSeconds <= 0) {
            throw new UserError("--isolate-seconds must be 1 or more, got " + isolateSeconds
                    + "; e.g. --isolate-seconds 20 (beyond the broker session timeout, 6 s by default)");
        }
        if (recoverTimeoutSeconds < 10) {
            throw new UserError("--recover-timeout must be 10 seconds or more, got " + recoverTimeoutSeconds
                    + "; e.g. --recover-timeout 180");
        }
        if (topic == null || topic.isBlank()) {
            throw new UserError("--topic must name a topic, e.g. --topic kafka-ha-drill");
        }
        return new DrillSettings(topic.trim(), recordsPerFault, rate, Duration.ofSeconds(downSeconds),
                Duration.ofSeconds(pauseSeconds), Duration.ofSeconds(isolateSeconds),
                Duration.ofSeconds(recoverTimeoutSeconds));
    }

    private static void say(PrintWriter err, String line) {
        err.println(line);
        err.flush();
    }
}
