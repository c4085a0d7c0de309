package io.kafkaha.cli;

import io.kafkaha.cli.client.ConsoleConsumerLoop;
import io.kafkaha.cli.client.ConsumeStop;
import io.kafkaha.cli.client.ConsumerSettings;
import io.kafkaha.cli.client.KafkaClients;
import io.kafkaha.cli.client.OnShutdown;
import io.kafkaha.cli.client.TopicLookup;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kafka-ha consume TOPIC}: the seed's console consumer; records show up the moment they arrive. */
@Command(name = "consume", mixinStandardHelpOptions = true,
        description = {
            "Prints the value of each record of TOPIC on its own line (UTF-8) as soon as it arrives.",
            "Runs until Ctrl-C, --max-messages or --timeout; then prints 'consumed N records from TOPIC' on stderr"
                + " and exits 0.",
            "Without --group it reads every partition of TOPIC (as they are at start) in no consumer group and"
                + " commits nothing. With --group it joins that group, shares the partitions with the group's other"
                + " members, resumes from the group's committed offsets, and commits each record once printed."
        })
public class ConsumeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BootstrapOption bootstrap;

    @Parameters(index = "0", paramLabel = "TOPIC", description = "Topic to read.")
    String topic;

    @Option(names = "--from-beginning",
            description = "Start at the earliest record still stored, instead of only records produced from now"
                    + " on. With --group this applies only when the group has no committed offsets yet.")
    boolean fromBeginning;

    @Option(names = "--group", paramLabel = "GROUP",
            description = "Consume as a member of consumer group GROUP and commit its offsets.")
    String group;

    @Option(names = "--max-messages", paramLabel = "N", description = "Stop after N records.")
    Long maxMessages;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "Stop when no record arrived for SECONDS (default: wait for records until Ctrl-C).")
    Long timeoutSeconds;

    @Option(names = "--key-separator", paramLabel = "SEP",
            description = "Print each record as KEY SEP VALUE (the format 'kafka-ha produce --key-separator SEP'"
                    + " reads).")
    String keySeparator;

    @Override
    public Integer call() throws Exception {
        ConsumeStop stop = stopCondition();
        KafkaClients clients = new KafkaClients(bootstrap.resolve());
        TopicDescription description;
        try (Admin admin = clients.admin()) {
            description = TopicLookup.describe(admin, topic, clients.errors());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Consumer<String, String> consumer = clients.consumer(
                ConsumerSettings.console(clients.bootstrapServers(), group, fromBeginning));
        CountDownLatch closed = new CountDownLatch(1);
        try (consumer) {
            startReading(consumer, description);
            // Ctrl-C wakes the consumer out of poll, then waits until it is closed (and has left its group).
            try (OnShutdown onCtrlC = OnShutdown.run("kafka-ha-consume-stop", () -> {
                consumer.wakeup();
                awaitQuietly(closed);
            })) {
                long consumed = new ConsoleConsumerLoop(consumer, stop, keySeparator, group != null, System::nanoTime)
                        .run(out);
                err.println("consumed " + consumed + (consumed == 1 ? " record" : " records") + " from " + topic);
                err.flush();
            }
        } catch (KafkaException e) {
            throw clients.errors().translate(e, topic);
        } finally {
            closed.countDown();
        }
        return 0;
    }

    private ConsumeStop stopCondition() {
        if (maxMessages != null && maxMessages < 1) {
            throw new UserError("--max-messages " + maxMessages + " would stop before the first record: give 1 or"
                    + " more, or leave it out");
        }
        if (timeoutSeconds != null && timeoutSeconds < 1) {
            throw new UserError("--timeout " + timeoutSeconds + " is too short: give 1 second or more, or leave it"
                    + " out to wait until Ctrl-C");
        }
        return new ConsumeStop(maxMessages, timeoutSeconds == null ? null : Duration.ofSeconds(timeoutSeconds));
    }

    /**
     * Without a group, take every partition and pin the start now: records produced after this command started
     * are printed even if they arrive before the first poll.
     */
    private void startReading(Consumer<String, String> consumer, TopicDescription description) {
        if (group != null) {
            consumer.subscribe(List.of(topic));
            return;
        }
        List<TopicPartition> partitions = description.partitions().stream()
                .map(partition -> new TopicPartition(topic, partition.partition())).toList();
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        partitions.forEach(consumer::position);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
