// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipewright.engine.api.RunLimits;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Distribution;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Queue;
import dev.pipewright.model.Source;
import dev.pipewright.model.lesson.Challenge;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExerciseTest {
    /** Seven orders, one every 100 ms, taken by workers that need 10 ms each. */
    private static Flow sevenOrders() {
        Node source = Source.of("src", "Web shop", Position.ORIGIN).with("rate", 10.0)
                .with("arrival", Source.Arrival.CONSTANT).with("messageLimit", 7L);
        Node queue = Queue.of("orders", "Orders", Position.ORIGIN);
        Node consumer = Consumer.of("workers", "Workers", Position.ORIGIN)
                .with("processingTime", Distribution.constant(Duration.ofMillis(10)));
        return new Flow(new FlowInfo("Seven orders", ""), List.of(source, queue, consumer), List.of(
                Edge.of("e1", "src", Port.OUT, "orders"), Edge.of("e2", "orders", Port.OUT, "workers")));
    }

    private static Challenge challenge(String... goals) {
        return new Challenge("Do it.", Duration.ofSeconds(5), 42, List.of(goals));
    }

    @Test
    void aFlowThatMeetsEveryGoalIsMet() {
        ExerciseResult result = Exercise.check(challenge("src.out == 7", "workers.count >= 7", "orders.depth == 0"),
                sevenOrders(), RunLimits.DEFAULTS);

        assertThat(result.verdict()).isEqualTo(ExerciseResult.Verdict.MET);
        assertThat(result.goals()).extracting(GoalResult::describe).containsExactly(
                "src.out is 7, wanted == 7: met", "workers.count is 7, wanted >= 7: met", "orders.depth is 0, wanted == 0: met");
        assertThat(result.simulatedSeconds()).isEqualTo(5.0);
    }

    @Test
    void aMissedGoalSaysTheFigureAndByHowMuch() {
        ExerciseResult result = Exercise.check(challenge("src.out == 3", "src.out >= 10", "workers.count == 7",
                "workers.p99 < 1ms"), sevenOrders(), RunLimits.DEFAULTS);

        assertThat(result.verdict()).isEqualTo(ExerciseResult.Verdict.MISSED);
        assertThat(result.goals()).extracting(GoalResult::met).containsExactly(false, false, true, false);
        assertThat(result.goals().get(0).describe()).isEqualTo("src.out is 7, wanted == 3: 4 too many");
        assertThat(result.goals().get(1).describe()).isEqualTo("src.out is 7, wanted >= 10: 3 too few");
        assertThat(result.goals().get(3).describe()).startsWith("workers.p99 is 10").endsWith("too slow");
    }

    @Test
    void theSameFlowAndChallengeGiveTheSameResult() {
        Node poisson = sevenOrders().node("src").orElseThrow().with("arrival", Source.Arrival.POISSON).with("messageLimit", null);
        Flow flow = sevenOrders().replaceNode(poisson);
        Challenge c = challenge("workers.count == 1");
        assertThat(Exercise.check(c, flow, RunLimits.DEFAULTS)).isEqualTo(Exercise.check(c, flow, RunLimits.DEFAULTS));
    }

    @Test
    void aGoalOnANodeTheLearnerRemovedIsNotCheckedAndSaysWhich() {
        Flow flow = sevenOrders().withoutNodes(List.of("workers"));
        ExerciseResult result = Exercise.check(challenge("workers.count == 7"), flow, RunLimits.DEFAULTS);

        assertThat(result.verdict()).isEqualTo(ExerciseResult.Verdict.NOT_CHECKED);
        assertThat(result.problems()).singleElement().asString()
                .startsWith("goal 'workers.count == 7': the flow has no node with the id or name 'workers'");
    }

    @Test
    void aFlowWithErrorsIsNotChecked() {
        Flow broken = new Flow(new FlowInfo("Broken", ""), List.of(Consumer.of("workers", "Workers", Position.ORIGIN)), List.of());
        ExerciseResult result = Exercise.check(challenge("workers.count == 7"), broken, RunLimits.DEFAULTS);

        assertThat(result.verdict()).isEqualTo(ExerciseResult.Verdict.NOT_CHECKED);
        assertThat(result.problems()).isNotEmpty();
        assertThat(result.goals()).isEmpty();
    }

    @Test
    void aRunThatReachesALimitIsNotCheckedAndSaysWhen() {
        ExerciseResult result = Exercise.check(challenge("src.out == 7"), sevenOrders(), new RunLimits(5, 1000, 0.9));

        assertThat(result.verdict()).isEqualTo(ExerciseResult.Verdict.NOT_CHECKED);
        assertThat(result.problems()).singleElement().asString().startsWith("the run stopped after ");
    }

    @Test
    void aGoalThatDoesNotParseIsTheLessonsFault() {
        assertThatThrownBy(() -> Exercise.check(challenge("src.out == 7", "src.speed > 3"), sevenOrders(), RunLimits.DEFAULTS))
                .isInstanceOf(InvalidAssertionException.class)
                .hasMessageStartingWith("challenge goal 2: assertion 'src.speed > 3': unknown metric 'speed'");
    }

    @Test
    void boundsSayWhenTheFigureIsExactlyAtThem() {
        ExerciseResult result = Exercise.check(challenge("src.out < 7", "src.out > 7", "src.out != 7", "src.out <= 5"),
                sevenOrders(), RunLimits.DEFAULTS);

        assertThat(result.goals()).extracting(GoalResult::miss).containsExactly(
                "exactly at the limit, and it must be below it", "exactly at the limit, and it must be above it",
                "equal to it, and it must differ", "2 too many");
    }
}
