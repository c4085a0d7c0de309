package io.kafkaha.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaha.cli.UserError;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

class KafkaErrorsTest {
    private final KafkaErrors errors = new KafkaErrors("127.0.0.1:9092,127.0.0.1:9093");

    @Test
    void aTimeoutMeansTheClusterCouldNotBeReached() {
        RuntimeException error = errors.translate(new ExecutionException(
                new TimeoutException("Timed out waiting for a node assignment. Call: listTopics")), null);

        assertThat(error).isInstanceOf(UserError.class).hasMessage("cannot reach Kafka at"
                + " 127.0.0.1:9092,127.0.0.1:9093 within 15s: is the cluster running? ('kafka-ha local status' for"
                + " the local one)");
    }

    @Test
    void anExistingTopicKeepsKafkasReasonAndSaysHowToProceed() {
        RuntimeException error = errors.translate(
                new ExecutionException(new TopicExistsException("Topic 'orders' already exists.")), "orders");

        assertThat(error).isInstanceOf(UserError.class).hasMessage("Topic 'orders' already exists; choose another"
                + " name, or delete it first with 'kafka-ha topic delete orders'");
    }

    @Test
    void anUnknownTopicPointsToListAndCreate() {
        RuntimeException error = errors.translate(new ExecutionException(
                new UnknownTopicOrPartitionException("This server does not host this topic-partition.")), "ordres");

        assertThat(error).isInstanceOf(UserError.class)
                .hasMessageContaining("topic 'ordres' does not exist at 127.0.0.1:9092,127.0.0.1:9093")
                .hasMessageContaining("'kafka-ha topic list'")
                .hasMessageContaining("'kafka-ha topic create ordres'");
    }

    @Test
    void anImpossibleReplicationFactorKeepsKafkasReasonAndSuggestsAFit() {
        RuntimeException error = errors.translate(new ExecutionException(new InvalidReplicationFactorException(
                "Unable to replicate the partition 5 time(s): The target replication factor of 5 cannot be reached"
                        + " because only 3 broker(s) are registered.")), "orders");

        assertThat(error).isInstanceOf(UserError.class)
                .hasMessageStartingWith("Unable to replicate the partition 5 time(s): The target replication factor"
                        + " of 5 cannot be reached because only 3 broker(s) are registered; use a"
                        + " --replication-factor of at most the number of brokers");
    }

    @Test
    void anInvalidConfigPointsToTheConfigEntries() {
        RuntimeException error = errors.translate(new ExecutionException(
                new InvalidConfigurationException("Unknown topic config name: retention")), "orders");

        assertThat(error).isInstanceOf(UserError.class)
                .hasMessageStartingWith("Unknown topic config name: retention; check the --config entries");
    }

    @Test
    void anInvalidTopicNameSaysWhichNamesAreValid() {
        RuntimeException error = errors.translate(new ExecutionException(new InvalidTopicException(
                "Topic name is invalid: 'a/b' contains one or more characters other than ASCII alphanumerics")), "a/b");

        assertThat(error).isInstanceOf(UserError.class).hasMessageEndingWith("characters other than ASCII"
                + " alphanumerics; topic names use letters, digits, '.', '_' and '-', at most 249 characters");
    }

    @Test
    void aClientThatCannotStartBlamesTheBootstrapServers() {
        RuntimeException error = errors.translate(new KafkaException("Failed to create new KafkaAdminClient",
                new ConfigException("No resolvable bootstrap urls given in bootstrap.servers")), null);

        assertThat(error).isInstanceOf(UserError.class).hasMessage("cannot use --bootstrap-server"
                + " '127.0.0.1:9092,127.0.0.1:9093': No resolvable bootstrap urls given in bootstrap.servers; give"
                + " HOST:PORT[,HOST:PORT...] of brokers this machine can resolve");
    }

    @Test
    void errorsNoAdviceWouldHelpWithStayThemselves() {
        NotLeaderOrFollowerException kafkaFault = new NotLeaderOrFollowerException("not leader");
        assertThat(errors.translate(new ExecutionException(kafkaFault), "orders")).isSameAs(kafkaFault);

        Exception checked = new java.io.IOException("disk");
        assertThat(errors.translate(new ExecutionException(checked), null))
                .isInstanceOf(IllegalStateException.class).hasCause(checked);
    }

    @Test
    void aSendTimeoutKeepsKafkasWordsBecauseTheClusterWasReachedBefore() {
        String described = errors.describeSendFailure(
                new TimeoutException("Expiring 1 record(s) for orders-0: 120001 ms has passed since batch creation"),
                "orders");

        assertThat(described).isEqualTo("Expiring 1 record(s) for orders-0: 120001 ms has passed since batch"
                + " creation; Kafka did not acknowledge it in time: 'kafka-ha status -b 127.0.0.1:9092,127.0.0.1:9093'"
                + " shows whether the cluster is reachable and its partitions have enough replicas in sync");
    }

    @Test
    void anUnexplainedSendFailureNamesItsKind() {
        assertThat(errors.describeSendFailure(new NotLeaderOrFollowerException("not leader"), "orders"))
                .isEqualTo("not leader (NotLeaderOrFollowerException)");
    }
}
