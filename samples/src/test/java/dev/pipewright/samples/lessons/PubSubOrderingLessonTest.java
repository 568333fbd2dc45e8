// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.samples.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.api.MessageEvent;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Queue;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The claims of the Google Pub/Sub ordering keys lesson, on the Pub/Sub profile, and its challenge. */
class PubSubOrderingLessonTest {
    private static final String ID = "pubsub-ordering";

    private final Flow flow = Lessons.flow(ID);
    private final Queue ledger = Lessons.node(flow, "ledger", Queue.class);

    private static Simulation run(Flow f, double seconds) {
        Simulation sim = Simulation.create(f, 42);
        sim.runUntil(seconds);
        return sim;
    }

    /** When the ledger writer started each delivery, in order. */
    private static List<Double> writerDeliveries(Flow f, double seconds) {
        return Lessons.events(f, 42, seconds).stream()
                .filter(e -> e.event().equals("deliver") && e.node().equals("ledger"))
                .map(MessageEvent::t).toList();
    }

    @Test
    void theCorruptEventBlocksOnlyItsKeyUntilItsFifthAttemptIsDeadLettered() {
        assertThat(flow.info().broker()).isEqualTo(Broker.PUBSUB);
        assertThat(ledger.fifo()).isTrue();
        assertThat(ledger.deliveryLimit()).isEqualTo(5);
        assertThat(ledger.redeliveryDelay()).isEqualTo(Duration.ofSeconds(10));
        assertThat(ledger.redeliveryMultiplier()).isEqualTo(2.0);
        // A1 0, B1 0.2, A2 1, B2 1.2, A3 2, B3 2.2, A4 3; B3 again at 12.7, 33.2, 73.7 and 154.2; B4 at 154.7.
        assertThat(writerDeliveries(flow, 200)).containsExactly(0.0, 0.2, 1.0, 1.2, 2.0, 2.2, 3.0,
                12.7, 33.2, 73.7, 154.2, 154.7);
        Snapshot at5 = run(flow, 5).snapshot();
        assertThat(at5.node("ledger").ready()).isEqualTo(1);
        assertThat(at5.node("ledger").scheduled()).isEqualTo(1);
        assertThat(at5.node("ledger-writer").completed()).isEqualTo(6);
        assertThat(at5.node("auditor").completed()).isEqualTo(8);
        assertThat(run(flow, 154.6).snapshot().node("ledger-dead-letter").in()).isZero();
        Snapshot done = run(flow, 156).snapshot();
        assertThat(done.node("ledger-dead-letter").in()).isEqualTo(1);
        assertThat(done.node("ledger-writer").completed()).isEqualTo(7);
        assertThat(done.node("ledger-writer").failed()).isEqualTo(5);
        assertThat(Lessons.prose(ID)).contains("four events for account A and four for account B",
                "backing off from 10 s", "after 5 delivery attempts", "0.5 s an event", "nacked at 2.7 s",
                "arrives at 3.2 s", "12.7, 33.2, 73.7 and 154.2 s", "10, 20, 40 and 80 s", "at 154.7 s",
                "within 4 s");
    }

    @Test
    void withoutMessageOrderingB4IsWrittenBeforeB3() {
        Flow unordered = flow.replaceNode(ledger.with("fifo", false));
        List<Double> deliveries = writerDeliveries(unordered, 5);
        assertThat(deliveries).contains(3.2);
        assertThat(run(unordered, 5).snapshot().node("ledger").ready()).isZero();
    }

    @Test
    void withoutARetryPolicyTheFiveAttemptsTakeUnderThreeSeconds() {
        Flow immediate = flow.replaceNode(ledger.with("redeliveryDelay", null));
        Snapshot s = run(immediate, 5.5).snapshot();
        assertThat(s.node("ledger-dead-letter").in()).isEqualTo(1);
        assertThat(s.node("ledger-writer").completed()).isEqualTo(7);
    }

    @Test
    void onRabbitMqTheCorruptEventLoopsForEverAndOrderIsNotKept() {
        Flow rabbit = flow.withInfo(flow.info().withBroker(Broker.RABBITMQ));
        assertThat(writerDeliveries(rabbit, 5)).contains(3.2);
        Snapshot s = run(rabbit, 60).snapshot();
        assertThat(s.node("ledger-dead-letter").in()).isZero();
        assertThat(s.node("ledger-writer").failed()).isGreaterThan(100);
    }

    @Test
    void onSqsAFailedEventWaitsOutTheThirtySecondVisibilityTimeout() {
        // SQS groups by MessageGroupId, which these events lack: all eight are one group, one at a
        // time; B3 fails at 3 s and comes back when its 30 s visibility timeout ends, holding up the rest.
        Flow sqs = flow.withInfo(flow.info().withBroker(Broker.SQS));
        assertThat(writerDeliveries(sqs, 40)).containsExactly(0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 32.5);
        assertThat(dev.pipewright.model.check.Portability.findings(flow, Broker.SQS))
                .anySatisfy(f -> assertThat(f.message()).contains("SQS groups FIFO messages by MessageGroupId"));
    }

    @Test
    void theShippedFlowMissesTheChallengeAndAShorterBackOffMeetsIt() {
        var challenge = Lessons.challenge(ID);
        assertThat(Lessons.meets(flow, challenge)).isFalse();
        assertThat(Lessons.meets(flow.replaceNode(ledger.with("redeliveryDelay", Duration.ofSeconds(1))), challenge))
                .isTrue();
        // Ordering off does not dead-letter B3 in time: its third attempt is at 33.2 s.
        assertThat(Lessons.meets(flow.replaceNode(ledger.with("fifo", false)), challenge)).isFalse();
    }

    @Test
    void theLessonFitsItsFlow() {
        Lessons.assertLessonFitsItsFlow(ID);
    }
}
