package io.kafkaha.cli;

import io.kafkaha.cli.client.KafkaClients;
import io.kafkaha.cli.client.KafkaErrors;
import io.kafkaha.cli.client.LineProducer;
import io.kafkaha.cli.client.OnShutdown;
import io.kafkaha.cli.client.ProduceSummary;
import io.kafkaha.cli.client.StallWatch;
import io.kafkaha.cli.client.TopicLookup;
import io.kafkaha.cli.client.WriteRefusal;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.Producer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kafka-ha produce TOPIC}: the seed's console producer, with writes that are acknowledged durably. */
@Command(name = "produce", mixinStandardHelpOptions = true,
        description = {
            "Sends each line of standard input to TOPIC as one record (UTF-8), as soon as it is read.",
            "Writes are durable: acks=all and idempotent, so a record counts as produced only once"
                + " min.insync.replicas brokers have it, and exactly once.",
            "Input ends with Ctrl-D (or the end of a piped file); Ctrl-C also stops, after waiting for the records"
                + " already sent. Then 'produced N records to TOPIC' is printed on stderr, with the first error if"
                + " any send failed. Exits 1 if any record failed or was not sent.",
            "When Kafka refuses writes to every partition of TOPIC (fewer replicas in sync than its"
                + " min.insync.replicas, or no leader), produce says so and why, before reading any line; if that"
                + " happens while sends wait, it fails them within seconds with Kafka's reason and stops, instead"
                + " of letting the producer retry them for two minutes."
        })
public class ProduceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BootstrapOption bootstrap;

    @Parameters(index = "0", paramLabel = "TOPIC",
            description = "Topic to write to; it must exist ('kafka-ha topic create TOPIC').")
    String topic;

    @Option(names = "--key-separator", paramLabel = "SEP",
            description = "Split each line at the first SEP: the text before it is the record's key, the rest its"
                    + " value. A line without SEP is not sent (it is reported, and the exit status becomes 1)."
                    + " Without this option every line is a value without key.")
    String keySeparator;

    /** Where the lines come from; tests substitute their own. */
    Supplier<InputStream> stdin = () -> System.in;

    private ProduceSummary reported;

    @Override
    public Integer call() throws Exception {
        if (keySeparator != null && keySeparator.isEmpty()) {
            throw new UserError("--key-separator is empty: give the text between key and value,"
                    + " e.g. --key-separator ':'");
        }
        KafkaClients clients = new KafkaClients(bootstrap.resolve());
        PrintWriter err = spec.commandLine().getErr();
        try (Admin admin = clients.admin()) {
            TopicDescription described = TopicLookup.describe(admin, topic, clients.errors());
            int minInSyncReplicas = TopicLookup.minInSyncReplicas(admin, topic, clients.errors());
            // Said before any line is read: the producer would retry each for two minutes, then blame a timeout.
            Optional<String> refused = WriteRefusal.ofEveryPartition(described, minInSyncReplicas);
            if (refused.isPresent()) {
                throw new UserError(refused.get() + "; nothing was sent");
            }
            WriteRefusal.ofSomePartitions(described, minInSyncReplicas).ifPresent(note -> err.println("note: " + note));
            try (Producer<String, String> producer = clients.durableProducer()) {
                LineProducer lines = new LineProducer(producer, topic, keySeparator, clients.errors(), err);
                try (StallWatch watch = StallWatch.start(lines, () -> refusalNow(admin, clients.errors()))) {
                    // Ctrl-C: wait for what was already sent, so the summary tells the truth about it.
                    try (OnShutdown onCtrlC = OnShutdown.run("kafka-ha-produce-stop", () -> report(lines, err))) {
                        sendUntilEndOrAbort(lines);
                    }
                    // Aborted: lines were left unread, whatever became of those sent.
                    return report(lines, err).succeeded() && !lines.aborted().isDone() ? 0 : 1;
                }
            }
        }
    }

    /**
     * Input is read on a thread of its own, so that when Kafka refuses the writes the command ends at once,
     * not when the user next presses Enter.
     */
    private void sendUntilEndOrAbort(LineProducer lines) throws Exception {
        BufferedReader input = new BufferedReader(new InputStreamReader(stdin.get(), StandardCharsets.UTF_8));
        CompletableFuture<Void> inputEnded = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                lines.sendAll(input);
                inputEnded.complete(null);
            } catch (Throwable e) {
                inputEnded.completeExceptionally(e);
            }
        }, "kafka-ha-produce-input");
        reader.setDaemon(true);
        reader.start();
        try {
            CompletableFuture.anyOf(inputEnded, lines.aborted()).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** Kafka's reason to refuse every write to the topic now; empty when it takes some, or cannot be asked. */
    private Optional<String> refusalNow(Admin admin, KafkaErrors errors) {
        try {
            return TopicLookup.writeRefusal(admin, topic, errors);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (RuntimeException e) {
            // Unreachable or unknown: the producer's own delivery timeout stays the judge.
            return Optional.empty();
        }
    }

    /** Waits for every send, then prints the summary; once, whether input ended or Ctrl-C came first. */
    private synchronized ProduceSummary report(LineProducer lines, PrintWriter err) {
        if (reported == null) {
            reported = lines.finish();
            err.println(reported.describe(topic, keySeparator));
            err.flush();
        }
        return reported;
    }
}
