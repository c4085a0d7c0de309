package io.kafkaha.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaha.cli.client.InternalTopics;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Argument checks that fail before any Kafka is contacted. */
class TopicCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void topicAloneAsksForASubcommand() {
        assertThat(run("topic")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required subcommand").contains("create").contains("describe");
    }

    @Test
    void aConfigEntryWithoutEqualsSignIsAUserError() {
        assertThat(run("topic", "create", "orders", "--config", "retention.ms", "-b", "127.0.0.1:1")).isEqualTo(1);
        assertThat(err.toString()).startsWith("kafka-ha: --config 'retention.ms' has no '=': write it as KEY=VALUE");
    }

    @Test
    void zeroPartitionsIsAUserError() {
        assertThat(run("topic", "create", "orders", "--partitions", "0", "-b", "127.0.0.1:1")).isEqualTo(1);
        assertThat(err.toString()).startsWith("kafka-ha: --partitions 0 is too few: give 1 or more");
    }

    @Test
    void anUnparsableBootstrapServerIsAUserError() {
        assertThat(run("topic", "list", "-b", "no-port-here")).isEqualTo(1);
        assertThat(err.toString()).startsWith("kafka-ha: cannot use --bootstrap-server 'no-port-here': ")
                .contains("HOST:PORT");
    }

    @Test
    void internalTopicsAreNeitherCreatedNorDeleted() {
        // 127.0.0.1:1 answers nothing: the refusal comes before any connection.
        assertThat(run("topic", "delete", "__consumer_offsets", "-b", "127.0.0.1:1")).isEqualTo(1);
        assertThat(err.toString()).startsWith("kafka-ha: '__consumer_offsets' is one of Kafka's internal topics")
                .contains("erases every consumer group's committed offsets");
        assertThat(run("topic", "create", "__transaction_state", "-b", "127.0.0.1:1")).isEqualTo(1);
        assertThat(err.toString()).contains("kafka-ha: '__transaction_state' is named like Kafka's internal topics")
                .contains("choose a name that does not start with '__'");
        assertThat(InternalTopics.isInternal("_orders")).isFalse();
        assertThat(InternalTopics.isInternal("orders__v2")).isFalse();
    }

    private int run(String... args) {
        CommandLine commandLine = KafkaHaCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
