package io.kafkaha.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class DeliveryLedgerTest {
    private static final long MS = 1_000_000L;

    private final DeliveryLedger ledger = new DeliveryLedger();

    /** Acknowledges id at (partition, offset) with the given latency, at time id ms. */
    private void ack(long id, int partition, long offset) {
        ledger.acknowledged(id, partition, offset, MS, id * MS);
    }

    @Test
    void everyAcknowledgedRecordConsumedOnceInOrderPasses() {
        ledger.producingStarted(0);
        for (long id = 0; id < 10; id++) {
            ack(id, (int) (id % 2), id / 2);
            ledger.consumed((int) (id % 2), id / 2, id);
        }
        ledger.producingEnded(10 * MS);

        VerificationReport report = ledger.report();

        assertThat(report.acknowledged()).isEqualTo(10);
        assertThat(report.consumed()).isEqualTo(10);
        assertThat(report.lost()).isZero();
        assertThat(report.duplicates()).isZero();
        assertThat(report.orderViolations()).isZero();
        assertThat(report.offsetConflicts()).isZero();
        assertThat(report.passed()).isTrue();
    }

    @Test
    void acknowledgedButNeverConsumedIsLostAndFails() {
        for (long id = 0; id < 20; id++) {
            ack(id, 0, id);
            if (id != 3 && id != 17) {
                ledger.consumed(0, id, id);
            }
        }

        VerificationReport report = ledger.report();

        assertThat(report.lost()).isEqualTo(2);
        assertThat(report.firstLostIds()).containsExactly(3L, 17L);
        assertThat(report.consumed()).isEqualTo(18);
        assertThat(report.passed()).isFalse();
        assertThat(report.notes()).anyMatch(note -> note.contains("lost payload 3 was acknowledged at partition 0"
                + " offset 3"));
        // 3 lies below offset 19 which the consumer read; 17 too: the log lost them, the consumer did not lag.
        assertThat(report.notes()).anyMatch(note -> note.startsWith("2 lost record(s) lie below"));
    }

    @Test
    void lostRecordsBeyondTheConsumedRangeAreBlamedOnTheConsumerNotReachingThem() {
        for (long id = 0; id < 5; id++) {
            ack(id, 0, id);
        }
        ledger.consumed(0, 0, 0);
        ledger.consumed(0, 1, 1);

        VerificationReport report = ledger.report();

        assertThat(report.lost()).isEqualTo(3);
        assertThat(report.notes()).anyMatch(note -> note.startsWith("3 lost record(s) lie beyond"));
    }

    @Test
    void lostIdsListIsCappedButCountIsComplete() {
        for (long id = 0; id < 50; id++) {
            ack(id, 0, id);
        }

        VerificationReport report = ledger.report();

        assertThat(report.lost()).isEqualTo(50);
        assertThat(report.firstLostIds()).hasSize(VerificationReport.DETAIL_LIMIT).startsWith(0L, 1L, 2L);
    }

    @Test
    void consumptionBeforeAcknowledgementCountsAsConsumed() {
        // The consumer can see a record before the producer's callback for it has run.
        ledger.consumed(2, 40, 7);
        ack(7, 2, 40);

        assertThat(ledger.pendingCount()).isZero();
        assertThat(ledger.report().lost()).isZero();
    }

    @Test
    void samePayloadAtTwoOffsetsIsADuplicate() {
        ack(1, 0, 10);
        ledger.consumed(0, 10, 1);
        ledger.consumed(0, 11, 1); // written twice: what idempotence must prevent

        VerificationReport report = ledger.report();

        assertThat(report.duplicates()).isEqualTo(1);
        assertThat(report.firstDuplicateIds()).containsExactly(1L);
        assertThat(report.consumed()).isEqualTo(1);
        assertThat(report.passed()).isFalse();
    }

    @Test
    void samePayloadInTwoPartitionsIsADuplicate() {
        ledger.consumed(0, 10, 1);
        ledger.consumed(3, 10, 1);

        assertThat(ledger.report().duplicates()).isEqualTo(1);
    }

    @Test
    void readingTheSameOffsetAgainIsARedeliveryNotADuplicate() {
        ack(1, 0, 10);
        ack(2, 0, 11);
        ledger.consumed(0, 10, 1);
        ledger.consumed(0, 11, 2);
        // The consumer re-fetches after a leader change and sees both records again.
        ledger.consumed(0, 10, 1);
        ledger.consumed(0, 11, 2);

        VerificationReport report = ledger.report();

        assertThat(report.duplicates()).isZero();
        assertThat(report.orderViolations()).isZero();
        assertThat(report.consumed()).isEqualTo(2);
        assertThat(report.passed()).isTrue();
    }

    @Test
    void aLowerSequenceAtAHigherOffsetIsAnOrderViolation() {
        ledger.consumed(0, 0, 1);
        ledger.consumed(0, 1, 5);
        ledger.consumed(0, 2, 3); // sent before 5, written after it
        ledger.consumed(0, 3, 6);

        VerificationReport report = ledger.report();

        assertThat(report.orderViolations()).isEqualTo(1);
        assertThat(report.passed()).isFalse();
        assertThat(report.notes()).contains("partition 0 offset 2: payload 3 after payload 5 at offset 1");
    }

    @Test
    void orderIsJudgedByOffsetNotByArrival() {
        // Arrival order scrambled (e.g. re-fetch after failover), log order fine.
        ledger.consumed(0, 2, 30);
        ledger.consumed(0, 0, 10);
        ledger.consumed(0, 1, 20);

        assertThat(ledger.report().orderViolations()).isZero();
    }

    @Test
    void orderIsJudgedPerPartition() {
        // Partition 1 holds lower sequences than partition 0: interleaving across partitions is fine.
        ledger.consumed(0, 0, 10);
        ledger.consumed(0, 1, 11);
        ledger.consumed(1, 0, 2);
        ledger.consumed(1, 1, 3);

        assertThat(ledger.report().orderViolations()).isZero();
    }

    @Test
    void anOffsetThatChangesContentIsAConflict() {
        ack(1, 0, 5);
        ledger.consumed(0, 5, 1);
        ledger.consumed(0, 5, 2); // the log was truncated and offset 5 rewritten

        VerificationReport report = ledger.report();

        assertThat(report.offsetConflicts()).isEqualTo(1);
        assertThat(report.passed()).isFalse();
    }

    @Test
    void failedSendsAreReportedButDoNotFailTheRun() {
        ack(0, 0, 0);
        ledger.consumed(0, 0, 0);
        ledger.failed(1, new TimeoutException("Expiring 1 record(s) for verify-4:120002 ms has passed"));
        ledger.failed(2, new TimeoutException("Expiring 3 record(s) for verify-0:120000 ms has passed"));
        ledger.failed(3, new NotEnoughReplicasException("not enough replicas"));

        VerificationReport report = ledger.report();

        assertThat(report.failedSends()).isEqualTo(3);
        assertThat(report.lost()).isZero();
        assertThat(report.passed()).isTrue();
        // Kafka's messages differ only in counts, partitions and millis: one cause, one line.
        assertThat(report.failureSummary()).containsExactly(
                "2 x org.apache.kafka.common.errors.TimeoutException: Expiring N record(s) for verify-N:N ms has passed",
                "1 x org.apache.kafka.common.errors.NotEnoughReplicasException: not enough replicas");
    }

    @Test
    void maxStallIsTheLongestGapBetweenAcknowledgements() {
        ledger.producingStarted(0);
        ledger.acknowledged(0, 0, 0, MS, 10 * MS);
        ledger.acknowledged(1, 0, 1, MS, 20 * MS);
        // Callbacks arrive out of time order across partitions; the gap is measured on sorted times.
        ledger.acknowledged(3, 1, 0, MS, 3_020 * MS);
        ledger.acknowledged(2, 0, 2, MS, 30 * MS);
        ledger.producingEnded(3_030 * MS);

        assertThat(ledger.report().maxStall()).isEqualTo(Duration.ofMillis(2_990));
    }

    @Test
    void maxStallCountsTheWaitForTheFirstAcknowledgement() {
        ledger.producingStarted(100 * MS);
        ledger.acknowledged(0, 0, 0, MS, 5_100 * MS);
        ledger.acknowledged(1, 0, 1, MS, 5_110 * MS);
        ledger.producingEnded(5_120 * MS);

        assertThat(ledger.report().maxStall()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void maxStallCountsSilenceUntilProducingEnded() {
        ledger.producingStarted(0);
        ledger.acknowledged(0, 0, 0, MS, 10 * MS);
        ledger.producingEnded(8_010 * MS);

        assertThat(ledger.report().maxStall()).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void acknowledgementsDuringTheFinalFlushCloseTheLastGap() {
        ledger.producingStarted(0);
        ledger.acknowledged(0, 0, 0, MS, 10 * MS);
        ledger.producingEnded(1_000 * MS);
        ledger.acknowledged(1, 0, 1, MS, 4_010 * MS); // the stall spans the end of producing

        assertThat(ledger.report().maxStall()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void latencyPercentilesUseNearestRank() {
        for (long id = 1; id <= 100; id++) {
            ledger.acknowledged(id, 0, id, id * MS, id * MS); // latencies 1..100 ms
        }

        VerificationReport report = ledger.report();

        assertThat(report.latencyP50()).isEqualTo(Duration.ofMillis(50));
        assertThat(report.latencyP99()).isEqualTo(Duration.ofMillis(99));
        assertThat(report.latencyMax()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void percentileOfFewValues() {
        assertThat(DeliveryLedger.percentile(new long[] {}, 0.5)).isZero();
        assertThat(DeliveryLedger.percentile(new long[] {7}, 0.99)).isEqualTo(7);
        assertThat(DeliveryLedger.percentile(new long[] {1, 2}, 0.5)).isEqualTo(1);
        assertThat(DeliveryLedger.percentile(new long[] {1, 2}, 0.99)).isEqualTo(2);
    }

    @Test
    void aSecondAcknowledgementOfTheSameIdIsNotCountedTwice() {
        ack(1, 0, 0);
        ack(1, 0, 0);

        assertThat(ledger.acknowledgedCount()).isEqualTo(1);
    }

    @Test
    void awaitReturnsOnceTheLastAcknowledgedRecordIsConsumed() throws Exception {
        ack(1, 0, 0);
        ack(2, 0, 1);
        ledger.consumed(0, 0, 1);
        assertThat(ledger.awaitAllAcknowledgedConsumed(Duration.ofMillis(20))).isFalse();

        CountDownLatch done = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            try {
                if (ledger.awaitAllAcknowledgedConsumed(Duration.ofSeconds(10))) {
                    done.countDown();
                }
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        ledger.consumed(0, 1, 2);

        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        waiter.join();
    }
}
