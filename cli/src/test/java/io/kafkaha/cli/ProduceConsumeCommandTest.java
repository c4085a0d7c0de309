package io.kafkaha.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Argument checks of produce and consume that fail before any Kafka is contacted. */
class ProduceConsumeCommandTest {
    private final StringWriter err = new StringWriter();

    @Test
    void anEmptyKeySeparatorIsAUserError() {
        assertThat(run("produce", "orders", "--key-separator", "", "-b", "127.0.0.1:1")).isEqualTo(1);
        assertThat(err.toString()).startsWith("kafka-ha: --key-separator is empty");
    }

    @Test
    void zeroMaxMessagesIsAUserError() {
        assertThat(run("consume", "orders", "--max-messages", "0", "-b", "127.0.0.1:1")).isEqualTo(1);
        assertThat(err.toString()).startsWith("kafka-ha: --max-messages 0 would stop before the first record");
    }

    @Test
    void zeroTimeoutIsAUserError() {
        assertThat(run("consume", "orders", "--timeout", "0", "-b", "127.0.0.1:1")).isEqualTo(1);
        assertThat(err.toString()).startsWith("kafka-ha: --timeout 0 is too short");
    }

    private int run(String... args) {
        CommandLine commandLine = KafkaHaCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
