// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.samples.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Queue;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The claims of the NATS JetStream payments lesson, on the NATS profile and on RabbitMQ's, and its challenge. */
class NatsPaymentsLessonTest {
    private static final String ID = "nats-payments";

    private final Flow flow = Lessons.flow(ID);
    private final Queue payments = Lessons.node(flow, "payments", Queue.class);

    private static Simulation run(Flow f, double seconds) {
        Simulation sim = Simulation.create(f, 42);
        sim.runUntil(seconds);
        return sim;
    }

    @Test
    void theRetryIsStoredOnceAndTheCorruptPaymentEndsAfterThreeDeliveries() {
        assertThat(flow.info().broker()).isEqualTo(Broker.NATS);
        assertThat(payments.deliveryLimit()).isEqualTo(3);
        assertThat(run(flow, 3).conservation().filtered()).isEqualTo(1);
        // Failed at 4 s, nak delay 5 s: delivered again at 9 s, then 10 s after its failure at 11 s.
        assertThat(run(flow, 8.9).snapshot().node("payments").scheduled()).isEqualTo(1);
        assertThat(run(flow, 9.1).snapshot().node("worker").in()).isEqualTo(7 + 2);
        assertThat(run(flow, 20.9).snapshot().node("worker").in()).isEqualTo(7 + 2);
        assertThat(run(flow, 21.1).snapshot().node("worker").in()).isEqualTo(7 + 3);
        assertThat(run(flow, 22.9).snapshot().node("payments").dropped()).isZero();
        Snapshot done = run(flow, 23.1).snapshot();
        assertThat(done.node("payments").dropped()).isEqualTo(1);
        assertThat(done.node("worker").completed()).isEqualTo(7);
        assertThat(done.node("worker").failed()).isEqualTo(3);
        assertThat(done.node("payments").redelivered()).isEqualTo(2);
        assertThat(Lessons.prose(ID)).contains("eight payments arrive in 4 seconds", "take 2 s each",
                "max_deliver 3", "ack_wait of 30 s", "delivered at 2 s and fails at 4 s", "again at 9 s",
                "fails at 11 s, waits 10 s", "third time at 21 s", "at 23 s");
    }

    @Test
    void withoutMaxDeliverTheCorruptPaymentIsRetriedForEver() {
        Snapshot s = run(flow.replaceNode(payments.with("deliveryLimit", null)), 300).snapshot();
        assertThat(s.node("payments").dropped()).isZero();
        assertThat(s.node("worker").failed()).isGreaterThan(3);
        assertThat(s.node("worker").completed()).isEqualTo(7);
    }

    @Test
    void onRabbitMqTheRetryIsChargedTwiceAndTheCorruptPaymentLoops() {
        Snapshot s = run(flow.withInfo(flow.info().withBroker(Broker.RABBITMQ)), 60).snapshot();
        assertThat(s.node("worker").completed()).isEqualTo(8);
        assertThat(s.node("worker").failed()).isGreaterThan(10);
        assertThat(s.node("payments").dropped()).isZero();
    }

    @Test
    void theShippedFlowMissesTheChallengeAndAShorterNakDelayOrALowerLimitMeetsIt() {
        var challenge = Lessons.challenge(ID);
        assertThat(Lessons.meets(flow, challenge)).isFalse();
        assertThat(Lessons.meets(flow.replaceNode(payments.with("redeliveryDelay", Duration.ofSeconds(1))), challenge))
                .isTrue();
        assertThat(Lessons.meets(flow.replaceNode(payments.with("deliveryLimit", 2)), challenge)).isTrue();
        // An ack_wait shorter than a payment charges payments twice.
        assertThat(Lessons.meets(flow.replaceNode(payments.with("visibilityTimeout", Duration.ofSeconds(1))), challenge))
                .isFalse();
    }
}
