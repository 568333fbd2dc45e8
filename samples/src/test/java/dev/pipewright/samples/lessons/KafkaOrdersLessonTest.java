// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.samples.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.api.MessageEvent;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Queue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The claims of the Apache Kafka orders lesson, on the Kafka profile and on RabbitMQ's, and its challenge. */
class KafkaOrdersLessonTest {
    private static final String ID = "kafka-orders";

    private final Flow flow = Lessons.flow(ID);
    private final Queue orders = Lessons.node(flow, "orders", Queue.class);
    private final Consumer billing = Lessons.node(flow, "billing", Consumer.class);

    private static Simulation run(Flow f, double seconds) {
        Simulation sim = Simulation.create(f, 42);
        sim.runUntil(seconds);
        return sim;
    }

    @Test
    void theCorruptOrderIsRetriedInPlaceThenPublishedToTheDeadLetterTopic() {
        assertThat(flow.info().broker()).isEqualTo(Broker.KAFKA);
        assertThat(orders.partitions()).isEqualTo(3);
        assertThat(orders.deliveryLimit()).isEqualTo(3);
        assertThat(billing.instances()).isEqualTo(3);
        assertThat(run(flow, 3.4).snapshot().node("billing").failed()).isZero();
        assertThat(run(flow, 3.6).snapshot().node("billing").failed()).isEqualTo(1);
        assertThat(run(flow, 4.6).snapshot().node("billing").failed()).isEqualTo(2);
        assertThat(run(flow, 5.4).snapshot().node("orders-dlt").in()).isZero();
        Snapshot dead = run(flow, 5.6).snapshot();
        assertThat(dead.node("orders-dlt").in()).isEqualTo(1);
        assertThat(dead.node("billing").failed()).isEqualTo(3);
        assertThat(run(flow, 6.4).snapshot().node("billing").completed()).isEqualTo(9);
        assertThat(run(flow, 6.9).snapshot().node("billing").completed()).isEqualTo(10);
        assertThat(run(flow, 7.1).snapshot().node("billing").completed()).isEqualTo(11);
        assertThat(Lessons.prose(ID)).contains("twelve orders from four customers arrive half a second apart",
                "3 partitions", "three members taking 1 s an order", "Order 6 is corrupt", "delivery limit 3",
                "arrives at 2.5 s, fails at 3.5 s and 4.5 s and goes to orders.DLT at 5.5 s",
                "until 5.5 s", "billed by 7 s", "customer-3 and customer-4 hash to the same partition",
                "is 3 at 8 s", "auto commit at 10 s");
    }

    @Test
    void eachCustomersOrdersAreBilledInOrderAndTheNextOrderOfTheCorruptOnesCustomerWaits() {
        Simulation sim = Simulation.create(flow, 42);
        List<Long> completed = new ArrayList<>();
        List<Double> completedAt = new ArrayList<>();
        sim.setMessageEvents(e -> {
            if (e.event().equals("complete")) {
                completed.add(e.message());
                completedAt.add(e.t());
            }
        });
        sim.runUntil(20);
        // Message k is order k (the script publishes them in order); order i belongs to customer (i - 1) % 4 + 1.
        assertThat(completed).hasSize(11).doesNotContain(6L);
        for (int customer = 0; customer < 4; customer++) {
            int c = customer;
            List<Long> ofCustomer = completed.stream().filter(id -> (id - 1) % 4 == c).toList();
            assertThat(ofCustomer).isSorted();
        }
        // Order 10 (customer-2, behind order 6) arrives at 4.5 s but is billed only from 5.5 s.
        assertThat(completedAt.get(completed.indexOf(10L))).isEqualTo(6.5);
        // Orders 11 and 12 (customers 3 and 4, one partition) one after the other: 6 s and 7 s.
        assertThat(completedAt.get(completed.indexOf(11L))).isEqualTo(6.0);
        assertThat(completedAt.get(completed.indexOf(12L))).isEqualTo(7.0);
    }

    @Test
    void theLagFallsToZeroAtTheTenSecondAutoCommit() {
        assertThat(run(flow, 8).snapshot().node("orders").lag().getFirst().total()).isEqualTo(3);
        assertThat(run(flow, 8).snapshot().node("billing").completed()).isEqualTo(11);
        assertThat(run(flow, 10.1).snapshot().node("orders").lag().getFirst().total()).isZero();
    }

    @Test
    void fiveInstancesLeaveTwoIdleAndOnePartitionHoldsUpEveryCustomer() {
        Snapshot five = run(flow.replaceNode(billing.with("instances", 5)), 3).snapshot();
        assertThat(five.node("billing").busy() + five.node("billing").idle()).isEqualTo(5);
        assertThat(five.node("billing").busy()).isLessThanOrEqualTo(3);
        assertThat(run(flow.replaceNode(billing.with("instances", 5)), 20).snapshot().node("billing").completed())
                .isEqualTo(11);
        // One partition: all eleven good orders wait in turn, so the last is billed well after 6.5 s.
        Snapshot one = run(flow.replaceNode(orders.with("partitions", 1)), 6.6).snapshot();
        assertThat(one.node("billing").completed()).isLessThan(11);
    }

    @Test
    void onRabbitMqAutoAckLosesTheCorruptOrderAndManualAckLoopsIt() {
        Flow rabbit = flow.withInfo(flow.info().withBroker(Broker.RABBITMQ));
        Snapshot s = run(rabbit, 30).snapshot();
        assertThat(s.node("orders-dlt").in()).isZero();
        assertThat(s.node("billing").failed()).isEqualTo(1);
        assertThat(s.node("billing").dropped()).isEqualTo(1);
        assertThat(s.node("billing").completed()).isEqualTo(11);
        Snapshot manual = run(rabbit.replaceNode(billing.with("ackMode", Consumer.AckMode.MANUAL)), 30).snapshot();
        assertThat(manual.node("orders-dlt").in()).isZero();
        assertThat(manual.node("billing").failed()).isGreaterThan(10);
    }

    @Test
    void theShippedFlowMissesTheChallengeAndALowerLimitOrDeadLetteringMeetsIt() {
        var challenge = Lessons.challenge(ID);
        assertThat(Lessons.meets(flow, challenge)).isFalse();
        assertThat(Lessons.meets(flow.replaceNode(orders.with("deliveryLimit", 1)), challenge)).isTrue();
        assertThat(Lessons.meets(flow.replaceNode(billing.with("onFailure", Consumer.FailureAction.DEAD_LETTER)),
                challenge)).isTrue();
    }
}
