package io.kafkaha.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A mover that stopped after its first batch: planning again from there finishes the same job. */
class PartitionMovePlannerResumeTest {
    @Test
    void replanningAfterTheFirstBatchFinishesTheJob() {
        List<PartitionPlacement> placement = Stream.concat(
                PartitionMovePlannerTest.roundRobin("spread", 12, 3, 0, 1, 2).stream(),
                PartitionMovePlannerTest.roundRobin("verify", 6, 3, 0, 1, 2).stream()).toList();
        List<BrokerSlot> brokers = IntStream.range(0, 4).mapToObj(id -> new BrokerSlot(id, null)).toList();
        ReassignmentPlan.Moves full = (ReassignmentPlan.Moves) PartitionMovePlanner.plan(placement, brokers,
                new MoveGoal.SpreadEvenly());
        ReassignmentPlan.Moves firstBatch = new ReassignmentPlan.Moves(full.moves().subList(0, 5));

        List<PartitionPlacement> partly = PartitionMovePlannerTest.apply(placement, firstBatch);
        ReassignmentPlan.Moves rest = (ReassignmentPlan.Moves) PartitionMovePlanner.plan(partly, brokers,
                new MoveGoal.SpreadEvenly());
        List<PartitionPlacement> done = PartitionMovePlannerTest.apply(partly, rest);

        assertThat(full.copying()).isEqualTo(13);
        assertThat(firstBatch.copying() + rest.copying()).isEqualTo(full.copying());
        long onNew = done.stream().filter(p -> p.replicas().contains(3)).count();
        assertThat(onNew).isEqualTo(13);
        assertThat(PartitionMovePlanner.plan(done, brokers, new MoveGoal.SpreadEvenly()))
                .isEqualTo(new ReassignmentPlan.Moves(new ArrayList<>()));
    }
}
