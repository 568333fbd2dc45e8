// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.api.MessageView;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Overflow;
import dev.pipewright.model.QueueType;
import dev.pipewright.model.Source;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rules that differ between brokers, one scenario each, run under every profile. The
 * RabbitMQ figures are what RabbitMQ 3.10.8 did ({@code RabbitMqRulesIT} repeats them on the real
 * broker); the Artemis ones are Artemis's documented rules (docs/brokers.md).
 */
class BrokerProfileTest extends EngineTest {

    /** One message to a queue whose consumer fails every delivery and requeues it. */
    private static Flow poison(QueueType type, Integer deliveryLimit) {
        return poison(1, props("deliveryLimit", deliveryLimit, "queueType", type));
    }

    /** Deliveries of the poison message by t=10 s, and whether it was dead-lettered. */
    private long deliveries(Broker broker, QueueType type, Integer limit) {
        Simulation sim = start(on(broker, poison(type, limit)));
        sim.runUntil(10);
        Snapshot snap = sim.snapshot();
        return snap.node("c").failed();
    }

    private long deadLettered(Broker broker, QueueType type, Integer limit) {
        Simulation sim = start(on(broker, poison(type, limit)));
        sim.runUntil(10);
        return sim.snapshot().node("dlq").ready();
    }

    @Test
    void aQuorumQueuesDeliveryLimitAllowsOneDeliveryMoreThanArtemis() {
        assertThat(deliveries(Broker.RABBITMQ, QueueType.QUORUM, 3)).isEqualTo(4);
        assertThat(deadLettered(Broker.RABBITMQ, QueueType.QUORUM, 3)).isEqualTo(1);
        assertThat(deliveries(Broker.ARTEMIS, QueueType.CLASSIC, 3)).isEqualTo(3);
        assertThat(deadLettered(Broker.ARTEMIS, QueueType.CLASSIC, 3)).isEqualTo(1);
        assertThat(deliveries(Broker.GENERIC, QueueType.CLASSIC, 3)).isEqualTo(3);
    }

    @Test
    void theDeadLetterReasonIsDeliveryLimitOnRabbitMq() {
        Simulation sim = start(on(Broker.RABBITMQ, poison(QueueType.QUORUM, 2)));
        sim.runUntil(10);
        MessageView dead = sim.peek("dlq", 1).getFirst();
        assertThat(dead.deaths().getFirst().reason()).isEqualTo("delivery_limit");
        assertThat(dead.deliveryCount()).isZero();
    }

    @Test
    void withoutALimitArtemisDeadLettersAfterTenAttemptsAndRabbitMqNever() {
        assertThat(deliveries(Broker.ARTEMIS, QueueType.CLASSIC, null)).isEqualTo(10);
        assertThat(deadLettered(Broker.ARTEMIS, QueueType.CLASSIC, null)).isEqualTo(1);
        // 10 ms a delivery from t=1 to t=10: about 900 deliveries, and it is still in the queue.
        assertThat(deliveries(Broker.RABBITMQ, QueueType.QUORUM, null)).isGreaterThan(800);
        assertThat(deadLettered(Broker.RABBITMQ, QueueType.QUORUM, null)).isZero();
        assertThat(deliveries(Broker.GENERIC, QueueType.CLASSIC, null)).isGreaterThan(800);
    }

    @Test
    void aClassicQueueHasNoDeliveryLimitOnRabbitMq() {
        assertThat(deliveries(Broker.RABBITMQ, QueueType.CLASSIC, 3)).isGreaterThan(800);
        assertThat(deadLettered(Broker.RABBITMQ, QueueType.CLASSIC, 3)).isZero();
    }

    /** Three messages at t=1; one consumer with prefetch 1 fails the first after 100 ms. */
    private List<Long> waitingAfterFirstNack(Broker broker, QueueType type, Integer limit) {
        Simulation sim = start(on(broker, poison(3, props("deliveryLimit", limit, "queueType", type),
                "prefetch", 1, "processingTime", constant(100))));
        sim.runUntil(1.15);
        return sim.peek("q", 10).stream().map(MessageView::id).toList();
    }

    @Test
    void aQuorumQueueWithoutALimitRequeuesToTheBackAndWithOneToItsPlace() {
        // Message 1 failed: at the back, message 2 is delivered next; in its place, message 1 is.
        assertThat(waitingAfterFirstNack(Broker.RABBITMQ, QueueType.QUORUM, null)).containsExactly(3L, 1L);
        assertThat(waitingAfterFirstNack(Broker.RABBITMQ, QueueType.QUORUM, 5)).containsExactly(2L, 3L);
        assertThat(waitingAfterFirstNack(Broker.RABBITMQ, QueueType.CLASSIC, null)).containsExactly(2L, 3L);
        assertThat(waitingAfterFirstNack(Broker.ARTEMIS, QueueType.CLASSIC, null)).containsExactly(2L, 3L);
        assertThat(waitingAfterFirstNack(Broker.GENERIC, QueueType.QUORUM, null)).containsExactly(2L, 3L);
    }

    /** Priorities 0 and 9 alternating, published before the consumer can take any. */
    private List<Integer> deliveryOrder(Broker broker, QueueType type, Integer maxPriority) {
        Flow flow = new FlowBuilder()
                .source("src", "rate", 4.0, "arrival", Source.Arrival.BURSTS, "burstSize", 4, "messageLimit", 4L,
                        "priorityMix", java.util.Map.of(0, 0.5, 9, 0.5))
                .queue("q", "maxPriority", maxPriority, "queueType", type)
                .wire("src", "q").build();
        Simulation sim = start(on(broker, flow), 3);
        sim.runUntil(1.5);
        return sim.peek("q", 10).stream().map(MessageView::priority).toList();
    }

    @Test
    void artemisOrdersByPriorityOnEveryQueueAndAQuorumQueueNever() {
        List<Integer> arrival = deliveryOrder(Broker.GENERIC, QueueType.CLASSIC, null);
        assertThat(arrival).hasSize(4).contains(0, 9).isNotEqualTo(arrival.stream().sorted(java.util.Comparator.reverseOrder()).toList());
        assertThat(deliveryOrder(Broker.ARTEMIS, QueueType.CLASSIC, null))
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(deliveryOrder(Broker.RABBITMQ, QueueType.CLASSIC, 10))
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(deliveryOrder(Broker.RABBITMQ, QueueType.QUORUM, 10)).isEqualTo(arrival);
    }

    @Test
    void artemisCountsDeliveredMessagesTowardTheMaximumLength() {
        // Five messages, max length 3, reject-publish; the consumer holds two unacknowledged.
        Flow flow = new FlowBuilder()
                .source("src", burstAtOne(5))
                .queue("q", "maxLength", 3, "overflow", Overflow.REJECT_PUBLISH)
                .consumer("c", "prefetch", 2, "processingTime", constant(10_000))
                .wire("src", "q").wire("q", "c").build();
        long rabbitAccepted = accepted(on(Broker.RABBITMQ, flow));
        long artemisAccepted = accepted(on(Broker.ARTEMIS, flow));
        assertThat(rabbitAccepted).isEqualTo(5);
        assertThat(artemisAccepted).isEqualTo(3);
    }

    private long accepted(Flow flow) {
        Simulation sim = start(flow);
        sim.runUntil(2);
        return sim.snapshot().node("q").in();
    }
}
