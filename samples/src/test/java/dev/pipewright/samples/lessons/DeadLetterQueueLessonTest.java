// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.samples.lessons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.api.MessageEvent;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Queue;
import dev.pipewright.model.QueueType;
import dev.pipewright.model.check.FlowChecks;
import dev.pipewright.model.check.Severity;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The claims of the dead-letter queue lesson, on its sample, under each broker profile. */
class DeadLetterQueueLessonTest {
    private static final String ID = "dead-letter-queue";
    private final Flow flow = Lessons.sample(ID);
    private final Queue payments = Lessons.node(flow, "payments", Queue.class);
    private final Consumer processor = Lessons.node(flow, "payment-processor", Consumer.class);

    private static Flow on(Flow flow, Broker broker) {
        return flow.withInfo(flow.info().withBroker(broker));
    }

    /** Deliveries of each message the payments queue dead-lettered, in a run of {@code seconds}. */
    private static List<Integer> deliveriesOfDeadLettered(Flow flow, double seconds) {
        List<MessageEvent> events = Lessons.events(flow, 42, seconds);
        Set<Long> dead = events.stream().filter(e -> e.event().equals("dead-letter") && e.node().equals("payments"))
                .map(MessageEvent::message).collect(Collectors.toSet());
        Map<Long, Integer> deliveries = Lessons.countPerMessage(events, "deliver", "payments");
        return dead.stream().map(deliveries::get).toList();
    }

    private static double deadLetteredShare(Flow flow, double seconds) {
        Simulation sim = Simulation.create(flow, 42);
        sim.runUntil(seconds);
        Snapshot s = sim.snapshot();
        return (double) s.node("payments-dlq").in() / s.node("payment-requests").out();
    }

    @Test
    void theLessonFitsItsFlow() {
        Lessons.assertLessonFitsItsFlow(ID);
    }

    @Test
    void theFlowIsAsTheTextSays() {
        assertThat(processor.failureRate()).isEqualTo(0.2);
        assertThat(processor.onFailure()).isEqualTo(Consumer.FailureAction.REQUEUE);
        assertThat(payments.deliveryLimit()).isEqualTo(3);
        assertThat(Math.pow(processor.failureRate(), payments.deliveryLimit())).isCloseTo(0.008, within(1e-9));
    }

    @Test
    void everyDeadLetteredPaymentWasDeliveredExactlyThreeTimes() {
        List<Integer> deliveries = deliveriesOfDeadLettered(flow, 300);
        assertThat(deliveries).hasSizeGreaterThan(20).containsOnly(payments.deliveryLimit());
    }

    @Test
    void aboutEightInAThousandPaymentsAreDeadLetteredAndNoneIsLost() {
        Simulation sim = Simulation.create(flow, 42);
        sim.runUntil(1000);
        Snapshot s = sim.snapshot();
        double share = (double) s.node("payments-dlq").in() / s.node("payment-requests").out();
        // 20,000 payments: 160 expected, standard deviation about 13.
        assertThat(share).isBetween(0.0065, 0.0095);
        assertThat(sim.conservation().dropped()).isZero();
        // About a quarter as many redeliveries as payments (0.2 + 0.04 per payment).
        assertThat((double) s.node("payments").redelivered() / s.node("payment-requests").out()).isCloseTo(0.24, within(0.02));
    }

    @Test
    void atSixtyASecondTheShareStaysTheSame() {
        Simulation sim = Simulation.create(flow, 42);
        sim.setSourceRate("payment-requests", 60);
        sim.runUntil(300);
        Snapshot s = sim.snapshot();
        assertThat((double) s.node("payments-dlq").in() / s.node("payment-requests").out()).isBetween(0.0060, 0.0100);
        assertThat(s.node("payments").depth()).isLessThan(50);
    }

    @Test
    void aDeliveryLimitOfOneDeadLettersAboutOnePaymentInFive() {
        assertThat(deadLetteredShare(Lessons.with(flow, "payments", "deliveryLimit", 1), 300)).isCloseTo(0.2, within(0.02));
    }

    @Test
    void aCrashedProcessorsPaymentsAreDeliveredAgain() {
        Simulation sim = Simulation.create(flow, 42);
        sim.runUntil(10);
        while (sim.snapshot().node("payments").unacked() == 0) {
            sim.runUntil(sim.now() + 0.001);
        }
        long before = sim.snapshot().node("payments").redelivered();
        sim.crashConsumerInstance(processor.id(), 0);
        sim.runUntil(sim.now() + 0.5);
        assertThat(sim.snapshot().node(processor.id()).crashed()).isEqualTo(1);
        assertThat(sim.snapshot().node("payments").redelivered() - before).isPositive();
        sim.runUntil(60);
        assertThat(sim.conservation().dropped()).isZero();
    }

    @Test
    void onRabbitMqAQuorumQueueDeliversFourTimesAndAClassicQueueHasNoLimit() {
        Flow rabbit = on(flow, Broker.RABBITMQ);
        Flow quorum = Lessons.with(rabbit, "payments", "queueType", QueueType.QUORUM);
        assertThat(deliveriesOfDeadLettered(quorum, 1000)).hasSizeGreaterThan(10)
                .containsOnly(payments.deliveryLimit() + 1);
        assertThat(deadLetteredShare(quorum, 1000)).isBetween(0.0010, 0.0024);

        Simulation classic = Simulation.create(rabbit, 42);
        classic.runUntil(300);
        assertThat(classic.snapshot().node("payments-dlq").in()).isZero();
        assertThat(classic.snapshot().node("payments").redelivered()).isPositive();
        assertThat(FlowChecks.all(rabbit)).anyMatch(f -> f.severity() == Severity.WARNING
                && "payments".equals(f.nodeId()) && f.message().contains("delivery limit"));
        assertThat(FlowChecks.all(quorum)).noneMatch(f -> f.severity() == Severity.WARNING);
    }

    @Test
    void onArtemisThreeAttemptsAreThreeDeliveries() {
        assertThat(deliveriesOfDeadLettered(on(flow, Broker.ARTEMIS), 300)).hasSizeGreaterThan(20)
                .containsOnly(payments.deliveryLimit());
    }

    @Test
    void onArtemisWithoutALimitAPaymentGetsTenAttempts() {
        Flow everyFails = Lessons.with(Lessons.with(on(flow, Broker.ARTEMIS), "payments", "deliveryLimit", null),
                processor.id(), "failureRate", 1.0);
        assertThat(deliveriesOfDeadLettered(everyFails, 20)).hasSizeGreaterThan(20).containsOnly(10);
    }

    @Test
    void challengeTheShippedFlowMissesAndALimitOfFiveMeetsIt() {
        assertThat(Lessons.meets(Lessons.challenge(ID, flow))).isFalse();
        assertThat(Lessons.meets(Lessons.challenge(ID, Lessons.with(flow, "payments", "deliveryLimit", 5)))).isTrue();
    }
}
