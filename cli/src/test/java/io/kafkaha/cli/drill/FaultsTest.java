package io.kafkaha.cli.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkaha.core.kafka.ClusterHealth;
import io.kafkaha.core.kafka.ClusterHealth.Broker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultsTest {
    private static final DrillSettings SETTINGS = new DrillSettings("t", 1000, 1000, Duration.ofMillis(1),
            Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(10));
    private final List<String> said = new ArrayList<>();
    private final DrillContext context = new DrillContext(SETTINGS, () -> 0, said::add);

    @Test
    void brokerKillHitsTheBrokerLeadingMostPartitionsAndStartsItAgain() throws Exception {
        FakeTarget target = new FakeTarget(3, FakeTarget.health(0, 3, 4, 4, 5, 4, 3));

        Injection injection = new BrokerKill().inject(target, context);

        assertThat(target.actions).containsExactly("kill k-broker-1", "start k-broker-1");
        assertThat(injection.what()).contains("k-broker-1 (leads 3 of 6 partitions)");
        assertThat(injection.violations()).isEmpty();
    }

    @Test
    void brokerPauseResumesTheBrokerItPaused() throws Exception {
        FakeTarget target = new FakeTarget(3, FakeTarget.health(0, 5, 5, 4));

        new BrokerPause().inject(target, context);

        assertThat(target.actions).containsExactly("pause k-broker-2", "resume k-broker-2");
    }

    @Test
    void brokerIsolateReconnectsTheBrokerItCutOff() throws Exception {
        FakeTarget target = new FakeTarget(3, FakeTarget.health(0, 4, 4, 5));

        Injection injection = new BrokerIsolate().inject(target, context);

        assertThat(target.actions).containsExactly("isolate k-broker-1", "reconnect k-broker-1");
        assertThat(injection.what()).startsWith("cut k-broker-1 (leads 2 of 3 partitions) off the network");
    }

    @Test
    void anIsolatedBrokerFencedByKafkaIsNotedAndOneUnregisteredIsAViolation() throws Exception {
        DrillSettings watching = new DrillSettings("t", 1000, 1000, Duration.ofMillis(1), Duration.ofMillis(1),
                Duration.ofMillis(100), Duration.ofSeconds(10));
        DrillContext context = new DrillContext(watching, () -> 0, said::add);
        List<ClusterHealth.PartitionState> partitions = FakeTarget.health(0, 4, 4, 5).partitionStates();
        FakeTarget fencedByKafka = new FakeTarget(3, new ClusterHealth("id", 0, 1, List.of(),
                List.of(new Broker(3, "b3"), new Broker(4, "b4", true), new Broker(5, "b5")), partitions));
        FakeTarget unregistered = new FakeTarget(3, new ClusterHealth("id", 0, 1, List.of(),
                List.of(new Broker(3, "b3"), new Broker(5, "b5")), partitions));

        Injection fenced = new BrokerIsolate().inject(fencedByKafka, context);
        Injection falseDeath = new BrokerIsolate().inject(unregistered, context);

        assertThat(fenced.violations()).isEmpty();
        assertThat(fenced.notes()).first().asString().startsWith("fenced by the controller");
        assertThat(falseDeath.violations()).singleElement().asString()
                .startsWith("k-broker-1 was unregistered").endsWith("only Kafka's session timeout may fence a"
                        + " live broker");
    }

    @Test
    void controllerKillHitsTheQuorumLeader() throws Exception {
        FakeTarget target = new FakeTarget(3, FakeTarget.health(1, 3));

        new ControllerKill().inject(target, context);

        assertThat(target.actions).containsExactly("kill k-controller-1", "start k-controller-1");
    }

    @Test
    void controllerKillRefusesWithoutAQuorumLeader() {
        FakeTarget target = new FakeTarget(3, FakeTarget.health(-1, 3));

        assertThatThrownBy(() -> new ControllerKill().inject(target, context)).isInstanceOf(FaultNotInjected.class)
                .hasMessageContaining("no leader");
        assertThat(target.actions).isEmpty();
    }

    @Test
    void clusterKillKillsEveryNodeAtOnceAndStartsThemAll() throws Exception {
        FakeTarget target = new FakeTarget(3, FakeTarget.health(0, 3));

        new ClusterKill().inject(target, context);

        String all = "k-controller-0,k-controller-1,k-controller-2,k-broker-0,k-broker-1,k-broker-2";
        assertThat(target.actions).containsExactly("kill " + all, "start " + all);
    }

    @Test
    void faultsSayWhenTheClusterIsTooSmallOrTheRuntimeCannotDoThem() {
        FakeTarget one = new FakeTarget(1, FakeTarget.health(0, 3));
        FakeTarget two = new FakeTarget(2, FakeTarget.health(0, 3));
        assertThat(new BrokerKill().cannotRunOn(one)).contains("needs at least 2 brokers to fail over to");
        assertThat(new TwoBrokersDown().cannotRunOn(two)).contains("needs at least 3 brokers (one stays up)");
        assertThat(new TwoBrokersDown().cannotRunOn(new FakeTarget(3, null))).isEmpty();

        two.cannotPause = java.util.Optional.of("no SIGSTOP here");
        assertThat(new BrokerPause().cannotRunOn(two)).isEmpty();
        assertThat(new BrokerPause().notPossibleOn(two)).contains("no SIGSTOP here");
        two.cannotIsolate = java.util.Optional.of("not possible: start the cluster with 'local up --isolated'");
        assertThat(new BrokerIsolate().cannotRunOn(two)).isEmpty();
        assertThat(new BrokerIsolate().notPossibleOn(two)).contains(
                "not possible: start the cluster with 'local up --isolated'");
        assertThat(new BrokerIsolate().cannotRunOn(one)).contains("needs at least 2 brokers to fail over to");
    }

    @Test
    void whereKilledNodesComeBackByThemselvesNothingIsHeldDownAndTwoBrokersDownIsNotPossible() throws Exception {
        FakeTarget target = new FakeTarget(3, FakeTarget.health(0, 3, 4, 4));
        target.cannotKeepDown = java.util.Optional.of("pods come back at once");

        Injection injection = new BrokerKill().inject(target, context);

        assertThat(injection.what()).isEqualTo("SIGKILL k-broker-1 (leads 2 of 3 partitions), re-created at once"
                + " (--down-seconds does not apply), started again");
        assertThat(new TwoBrokersDown().notPossibleOn(target)).contains("it must hold two brokers down while it"
                + " checks that writes are refused, but pods come back at once");
        assertThat(new BrokerKill().notPossibleOn(target)).isEmpty();
    }

    @Test
    void aFaultNotPossibleOnTheRuntimeIsSkippedNotFailed() throws Exception {
        FakeTarget target = new FakeTarget(3, FakeTarget.health(0, 3));
        target.cannotPause = java.util.Optional.of("no SIGSTOP here");

        FaultResult result = new DrillRun(target, SETTINGS, said::add).runOne(new BrokerPause());

        assertThat(result.skipped()).contains("no SIGSTOP here");
        assertThat(result.passed()).isTrue();
        assertThat(DrillTable.detail(result)).containsExactly(
                "fault         acked  lost  duplicates  reordered  failed-sends  max-stall  recovered-in  result",
                "broker-pause  -      -     -           -          -             -          -             SKIPPED",
                "  not possible here: no SIGSTOP here");
        assertThat(target.actions).isEmpty();
    }
}
