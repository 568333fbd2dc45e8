// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.engine.api.Hop;
import dev.pipewright.engine.api.Death;
import dev.pipewright.engine.api.MessageView;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.model.Consumer;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Overflow;
import dev.pipewright.model.Port;
import dev.pipewright.model.Source;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Broker delivery rules of queues and consumers, one scenario per rule. */
class QueueSemanticsTest extends EngineTest {

    /** A source that publishes {@code n} messages, 10 a second from t=0.1. */
    private static Object[] tenPerSecond(long n) {
        return new Object[] {"rate", 10.0, "arrival", Source.Arrival.CONSTANT, "messageLimit", n};
    }

    /** A source that publishes one burst of {@code n} messages at t=1. */
    private static List<Long> ids(List<MessageView> views) {
        return views.stream().map(MessageView::id).toList();
    }

    @Test
    void deliveryLimitSendsPoisonMessageToDeadLetterQueue() {
        Simulation sim = start(poison(1, props("deliveryLimit", 3)));
        sim.runUntil(10);

        Snapshot snap = sim.snapshot();
        assertThat(snap.node("c").failed()).isEqualTo(3);
        assertThat(snap.node("q").redelivered()).isEqualTo(2);
        assertThat(snap.node("dlq").ready()).isEqualTo(1);
        MessageView poison = sim.peek("dlq", 10).getFirst();
        assertThat(poison.deaths()).extracting(Death::reason, Death::queue, Death::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("delivery_limit", "q", 1L));
        assertThat(snap.conservation().deadLettered()).isEqualTo(1);
    }

    @Test
    void ttlExpiresWaitingMessagesToDeadLetter() {
        Flow flow = new FlowBuilder()
                .source("src", tenPerSecond(10))
                .queue("q", "messageTtl", s(1))
                .dlq("dlq")
                .wire("src", "q").wire("q", Port.DEAD_LETTER, "dlq").build();
        Simulation sim = start(flow);
        sim.runUntil(1.05);
        assertThat(sim.snapshot().node("q").ready()).isEqualTo(10);
        assertThat(sim.snapshot().node("dlq").ready()).isZero();
        sim.runUntil(1.15);
        assertThat(sim.snapshot().node("q").ready()).isEqualTo(9);

        sim.runUntil(5);
        Snapshot snap = sim.snapshot();
        assertThat(snap.node("q").ready()).isZero();
        assertThat(snap.node("dlq").ready()).isEqualTo(10);
        assertThat(snap.node("q").expired()).isEqualTo(10);
        assertThat(sim.peek("dlq", 1).getFirst().deaths().getFirst().reason()).isEqualTo("expired");
        assertThat(snap.edge("q:dlq").expired()).isEqualTo(10);
        assertThat(snap.conservation().deadLettered()).isEqualTo(10);
        assertThat(snap.conservation().expired()).isZero();
    }

    @Test
    void ttlWithoutDeadLetterTargetCountsMessagesExpired() {
        Flow flow = new FlowBuilder()
                .source("src", tenPerSecond(10))
                .queue("q", "messageTtl", ms(500))
                .wire("src", "q").build();
        Simulation sim = start(flow);
        sim.runUntil(5);
        assertThat(sim.conservation().expired()).isEqualTo(10);
        assertThat(sim.snapshot().node("q").expired()).isEqualTo(10);
    }

    @Test
    void dropHeadKeepsNewestMessages() {
        Flow flow = new FlowBuilder()
                .source("src", tenPerSecond(10))
                .queue("q", "maxLength", 5, "overflow", Overflow.DROP_HEAD)
                .wire("src", "q").build();
        Simulation sim = start(flow);
        sim.runUntil(5);
        assertThat(ids(sim.peek("q", 100))).containsExactly(6L, 7L, 8L, 9L, 10L);
        assertThat(sim.snapshot().node("q").dropped()).isEqualTo(5);
    }

    @Test
    void dropHeadDeadLettersWithReasonMaxlen() {
        Flow flow = new FlowBuilder()
                .source("src", tenPerSecond(10))
                .queue("q", "maxLength", 5, "overflow", Overflow.DROP_HEAD)
                .dlq("dlq")
                .wire("src", "q").wire("q", Port.DEAD_LETTER, "dlq").build();
        Simulation sim = start(flow);
        sim.runUntil(5);
        assertThat(ids(sim.peek("dlq", 100))).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(sim.peek("dlq", 1).getFirst().deaths().getFirst().reason()).isEqualTo("maxlen");
    }

    @Test
    void maxLengthZeroDeadLettersEveryMessageNoConsumerTakesAtOnce() {
        // As RabbitMQ 3.10 (docs/brokers.md, "max length 0"): with drop-head all three were dead-lettered.
        Flow flow = new FlowBuilder()
                .source("src", tenPerSecond(10))
                .queue("q", "maxLength", 0, "overflow", Overflow.DROP_HEAD)
                .dlq("dlq")
                .wire("src", "q").wire("q", Port.DEAD_LETTER, "dlq").build();
        Simulation sim = start(flow);
        sim.runUntil(5);
        assertThat(sim.peek("q", 100)).isEmpty();
        assertThat(ids(sim.peek("dlq", 100))).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(sim.peek("dlq", 1).getFirst().deaths().getFirst().reason()).isEqualTo("maxlen");
    }

    @Test
    void maxLengthZeroStillDeliversToAReadyConsumer() {
        Flow flow = new FlowBuilder()
                .source("src", tenPerSecond(10))
                .queue("q", "maxLength", 0, "overflow", Overflow.DROP_HEAD)
                .consumer("c", "processingTime", constant(10))
                .wire("src", "q").wire("q", "c").build();
        Simulation sim = start(flow);
        sim.runUntil(5);
        assertThat(sim.snapshot().node("c").completed()).isEqualTo(10);
        assertThat(sim.snapshot().node("q").dropped()).isZero();
    }

    @Test
    void maxLengthZeroWithRejectPublishRefusesEvenWithAConsumerReady() {
        Flow flow = new FlowBuilder()
                .source("src", tenPerSecond(10))
                .queue("q", "maxLength", 0, "overflow", Overflow.REJECT_PUBLISH)
                .consumer("c", "processingTime", constant(10))
                .wire("src", "q").wire("q", "c").build();
        Simulation sim = start(flow);
        sim.runUntil(5);
        assertThat(sim.snapshot().node("c").completed()).isZero();
        assertThat(sim.conservation().dropped()).isEqualTo(10);
    }

    @Test
    void rejectPublishRefusesNewMessages() {
        Flow flow = new FlowBuilder()
                .source("src", tenPerSecond(10))
                .queue("q", "maxLength", 5, "overflow", Overflow.REJECT_PUBLISH)
                .wire("src", "q").build();
        Simulation sim = start(flow);
        sim.runUntil(5);
        assertThat(ids(sim.peek("q", 100))).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(sim.snapshot().node("q").dropped()).isEqualTo(5);
        assertThat(sim.snapshot().node("q").in()).isEqualTo(5);
        assertThat(sim.conservation().dropped()).isEqualTo(5);
    }

    @Test
    void rejectPublishDlxDeadLettersRefusedMessages() {
        Flow flow = new FlowBuilder()
                .source("src", tenPerSecond(10))
                .queue("q", "maxLength", 5, "overflow", Overflow.REJECT_PUBLISH_DLX)
                .dlq("dlq")
                .wire("src", "q").wire("q", Port.DEAD_LETTER, "dlq").build();
        Simulation sim = start(flow);
        sim.runUntil(5);
        assertThat(ids(sim.peek("q", 100))).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(ids(sim.peek("dlq", 100))).containsExactly(6L, 7L, 8L, 9L, 10L);
        assertThat(sim.peek("dlq", 1).getFirst().deaths().getFirst().reason()).isEqualTo("maxlen");
    }

    @Test
    void requeuePreservesOrder() {
        Flow flow = new FlowBuilder()
                .source("src", burstAtOne(6))
                .queue("q")
                .consumer("c", "prefetch", 3, "processingTime", constant(10_000),
                        "crashes", List.of(new Consumer.Crash(ms(1500), 0, null)))
                .wire("src", "q").wire("q", "c").build();
        Simulation sim = start(flow);
        sim.runUntil(1.2);
        assertThat(ids(sim.peek("q", 100))).containsExactly(4L, 5L, 6L);
        assertThat(sim.snapshot().node("q").unacked()).isEqualTo(3);

        sim.runUntil(2);
        List<MessageView> waiting = sim.peek("q", 100);
        assertThat(ids(waiting)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(waiting).extracting(MessageView::deliveryCount).containsExactly(1, 1, 1, 0, 0, 0);
    }

    @Test
    void priorityQueueDeliversHigherPriorityFirst() {
        Flow flow = new FlowBuilder()
                .source("src", "rate", 100.0, "arrival", Source.Arrival.CONSTANT, "messageLimit", 20L,
                        "priorityMix", java.util.Map.of(0, 1.0, 9, 1.0))
                .queue("q", "maxPriority", 9)
                .consumer("c", "prefetch", 1, "processingTime", constant(1),
                        "crashes", List.of(new Consumer.Crash(ms(0), 0, s(1))))
                .wire("src", "q").wire("q", "c").build();
        Simulation sim = start(flow);
        sim.runUntil(0.5);
        List<MessageView> waiting = sim.peek("q", 100);
        assertThat(waiting).hasSize(20);
        List<Integer> priorities = waiting.stream().map(MessageView::priority).toList();
        assertThat(priorities).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(priorities).contains(0, 9);

        java.util.Map<Long, Integer> priorityOf = new java.util.HashMap<>();
        waiting.forEach(v -> priorityOf.put(v.id(), v.priority()));
        List<Integer> completedOrder = new java.util.ArrayList<>();
        sim.setTraceListener((time, seq, kind, node, id) -> {
            if (node.equals("c") && kind.equals("done")) {
                completedOrder.add(priorityOf.get(id));
            }
        });
        sim.runUntil(5);
        assertThat(completedOrder).hasSize(20).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void deliveryDelayHoldsMessagesBeforeTheyCanBeDelivered() {
        Flow flow = new FlowBuilder()
                .source("src", burstAtOne(1))
                .queue("q", "deliveryDelay", s(2))
                .consumer("c", "processingTime", constant(10))
                .wire("src", "q").wire("q", "c").build();
        Simulation sim = start(flow);
        sim.runUntil(2.5);
        assertThat(sim.snapshot().node("q").scheduled()).isEqualTo(1);
        assertThat(sim.snapshot().node("c").completed()).isZero();
        assertThat(sim.conservation().waiting()).isEqualTo(1);
        sim.runUntil(3.5);
        assertThat(sim.snapshot().node("c").completed()).isEqualTo(1);
    }

    @Test
    void redeliveryDelayBacksOffUpToItsCap() {
        Simulation sim = start(poison(1, props("deliveryLimit", 4, "redeliveryDelay", s(1),
                "redeliveryMultiplier", 2.0, "maxRedeliveryDelay", s(3))));
        // Deliveries at 1.00, 2.01 (+1 s), 4.02 (+2 s), 7.03 (+3 s, capped from 4 s); dead-lettered at 7.04.
        sim.runUntil(7.0);
        assertThat(sim.snapshot().node("q").scheduled()).isEqualTo(1);
        assertThat(sim.snapshot().node("c").failed()).isEqualTo(3);
        assertThat(sim.snapshot().node("dlq").ready()).isZero();
        sim.runUntil(7.1);
        assertThat(sim.snapshot().node("dlq").ready()).isEqualTo(1);
        assertThat(sim.snapshot().node("c").failed()).isEqualTo(4);
    }

    @Test
    void crashedConsumerRequeuesUnackedMessages() {
        Flow flow = new FlowBuilder()
                .source("src", burstAtOne(5))
                .queue("q")
                .consumer("c", "prefetch", 5, "processingTime", constant(10_000),
                        "crashes", List.of(new Consumer.Crash(s(2), 0, s(1))))
                .wire("src", "q").wire("q", "c").build();
        Simulation sim = start(flow);
        sim.runUntil(1.5);
        assertThat(sim.snapshot().node("q").unacked()).isEqualTo(5);
        sim.runUntil(2.5);
        Snapshot down = sim.snapshot();
        assertThat(down.node("q").ready()).isEqualTo(5);
        assertThat(down.node("q").unacked()).isZero();
        assertThat(down.node("c").crashed()).isEqualTo(1);
        sim.runUntil(3.5);
        assertThat(sim.snapshot().node("q").unacked()).isEqualTo(5);
        assertThat(sim.snapshot().node("q").redelivered()).isEqualTo(5);
        sim.runUntil(100);
        assertThat(sim.snapshot().node("c").completed()).isEqualTo(5);
    }

    @Test
    void autoAckConsumerLosesMessagesOnCrash() {
        Flow flow = new FlowBuilder()
                .source("src", burstAtOne(5))
                .queue("q")
                .consumer("c", "prefetch", 5, "ackMode", Consumer.AckMode.AUTO, "processingTime", constant(10_000),
                        "crashes", List.of(new Consumer.Crash(s(2), 0, s(1))))
                .wire("src", "q").wire("q", "c").build();
        Simulation sim = start(flow);
        sim.runUntil(1.5);
        assertThat(sim.snapshot().node("q").unacked()).isZero();
        assertThat(sim.conservation().inFlight()).isEqualTo(5);
        sim.runUntil(2.5);
        assertThat(sim.snapshot().node("c").dropped()).isEqualTo(5);
        assertThat(sim.conservation().dropped()).isEqualTo(5);
    }

    @Test
    void rejectOnFailureDropsTheMessage() {
        Flow flow = new FlowBuilder()
                .source("src", burstAtOne(3))
                .queue("q").dlq("dlq")
                .consumer("c", "failureRate", 1.0, "onFailure", Consumer.FailureAction.REJECT, "processingTime", constant(10))
                .wire("src", "q").wire("q", "c").wire("q", Port.DEAD_LETTER, "dlq").build();
        Simulation sim = start(flow);
        sim.runUntil(5);
        assertThat(sim.snapshot().node("c").dropped()).isEqualTo(3);
        assertThat(sim.snapshot().node("dlq").ready()).isZero();
    }

    @Test
    void deadLetterOnFailureSendsTheMessageToTheDeadLetterQueueAsRejected() {
        Flow flow = new FlowBuilder()
                .source("src", burstAtOne(3))
                .queue("q").dlq("dlq")
                .consumer("c", "failureRate", 1.0, "onFailure", Consumer.FailureAction.DEAD_LETTER,
                        "processingTime", constant(10))
                .wire("src", "q").wire("q", "c").wire("q", Port.DEAD_LETTER, "dlq").build();
        Simulation sim = start(flow);
        sim.runUntil(5);
        assertThat(sim.snapshot().node("dlq").ready()).isEqualTo(3);
        assertThat(sim.peek("dlq", 1).getFirst().deaths().getFirst().reason()).isEqualTo("rejected");
        assertThat(sim.snapshot().edge("q:dlq").deadLettered()).isEqualTo(3);
    }

    @Test
    void singleActiveConsumerFailsOver() {
        Flow flow = new FlowBuilder()
                .source("src", "rate", 20.0, "arrival", Source.Arrival.CONSTANT)
                .queue("q", "singleActiveConsumer", true)
                .consumer("first", "instances", 2, "prefetch", 1, "processingTime", constant(100),
                        "crashes", List.of(new Consumer.Crash(s(10), 0, null), new Consumer.Crash(s(20), 1, null)))
                .consumer("second", "instances", 2, "prefetch", 1, "processingTime", constant(100))
                .wire("src", "q").wire("q", "first").wire("q", "second").build();
        Simulation sim = start(flow);
        sim.runUntil(9.9);
        Snapshot before = sim.snapshot();
        assertThat(before.node("first").busy()).isEqualTo(1);
        assertThat(before.node("first").out()).isBetween(95L, 100L);
        assertThat(before.node("second").in()).isZero();
        assertThat(before.node("q").ready()).isGreaterThan(50);

        sim.runUntil(19.9);
        assertThat(sim.snapshot().node("first").out()).isBetween(195L, 200L);
        assertThat(sim.snapshot().node("second").in()).isZero();

        sim.runUntil(30);
        assertThat(sim.snapshot().node("second").out()).isBetween(95L, 100L);
        assertThat(sim.snapshot().node("second").busy()).isEqualTo(1);
    }

    @Test
    void prefetchLimitsUnackedMessagesPerInstance() {
        Flow flow = new FlowBuilder()
                .source("src", burstAtOne(10))
                .queue("q")
                .consumer("c", "instances", 2, "prefetch", 2, "processingTime", constant(10_000))
                .wire("src", "q").wire("q", "c").build();
        Simulation sim = start(flow);
        sim.runUntil(2);
        assertThat(sim.snapshot().node("q").unacked()).isEqualTo(4);
        assertThat(sim.snapshot().node("q").ready()).isEqualTo(6);
        assertThat(sim.snapshot().node("c").busy()).isEqualTo(2);
    }

    @Test
    void deadLetterQueueRetriesBackToTheOriginQueueUpToMaxRetries() {
        Flow flow = new FlowBuilder()
                .source("src", burstAtOne(1))
                .queue("q")
                .dlq("dlq", "retryAfter", s(1), "maxRetries", 2)
                .consumer("c", "failureRate", 1.0, "onFailure", Consumer.FailureAction.DEAD_LETTER,
                        "processingTime", constant(10))
                .wire("src", "q").wire("q", "c").wire("q", Port.DEAD_LETTER, "dlq").build();
        Simulation sim = start(flow);
        sim.runUntil(1.5);
        assertThat(sim.snapshot().node("dlq").scheduled()).isEqualTo(1);
        assertThat(sim.conservation().deadLettered()).isEqualTo(1);
        sim.runUntil(20);
        Snapshot snap = sim.snapshot();
        assertThat(snap.node("q").in()).isEqualTo(3);
        assertThat(snap.node("dlq").ready()).isEqualTo(1);
        MessageView m = sim.peek("dlq", 1).getFirst();
        assertThat(m.deaths().getFirst().count()).isEqualTo(3);
        assertThat(m.deaths().getFirst().reason()).isEqualTo("rejected");
    }

    @Test
    void idleInstancesAreServedBeforeBusyOnes() {
        Flow flow = new FlowBuilder()
                .source("src", burstAtOne(3))
                .queue("q")
                .consumer("c", "instances", 3, "prefetch", 10, "processingTime", constant(1000))
                .wire("src", "q").wire("q", "c").build();
        Simulation sim = start(flow);
        sim.runUntil(1.5);
        assertThat(sim.snapshot().node("c").busy()).isEqualTo(3);
        sim.runUntil(2.5);
        assertThat(sim.snapshot().node("c").completed()).isEqualTo(3);
    }

    @Test
    void lineageRecordsEveryHopOfASampledPoisonMessage() {
        Flow flow = new FlowBuilder()
                .source("src", burstAtOne(64))
                .queue("q", "deliveryLimit", 2)
                .dlq("dlq")
                .consumer("c", "instances", 8, "failureRate", 1.0, "processingTime", constant(10))
                .wire("src", "q").wire("q", "c").wire("q", Port.DEAD_LETTER, "dlq").build();
        Simulation sim = start(flow);
        sim.runUntil(10);
        List<Hop> hops = sim.lineage(64).orElseThrow().hops();
        assertThat(hops).extracting(Hop::event).containsExactly("published", "enqueued", "delivered", "received",
                "failed", "nacked", "requeued", "delivered", "received", "failed", "nacked", "dead-lettered",
                "enqueued");
        assertThat(hops.get(11).detail()).isEqualTo("reason=delivery_limit queue=q count=1");
        assertThat(hops.getLast().nodeId()).isEqualTo("dlq");
        assertThat(hops).extracting(Hop::time).isSorted();
    }

    @Test
    void aSmallRunHasTheLineageOfEveryMessage() {
        Flow flow = new FlowBuilder()
                .source("src", burstAtOne(5))
                .queue("q")
                .consumer("c", "processingTime", constant(10))
                .wire("src", "q").wire("q", "c").build();
        Simulation sim = start(flow);
        sim.runUntil(10);
        for (long id = 1; id <= 5; id++) {
            assertThat(sim.lineage(id).orElseThrow().hops()).as("message " + id).extracting(Hop::event)
                    .startsWith("published", "enqueued", "delivered").endsWith("completed");
        }
    }

    @Test
    void expiredMessagesTakeTheExpiredWireAndTheOthersTheDeadLetterWire() {
        Flow flow = new FlowBuilder()
                .source("src", burstAtOne(4))
                .queue("q", "messageTtl", ms(500), "deliveryLimit", 1)
                .dlq("dlq").dlq("expired")
                .consumer("c", "instances", 1, "prefetch", 1, "processingTime", constant(200), "failureRate", 1.0)
                .wire("src", "q").wire("q", "c").wire("q", Port.DEAD_LETTER, "dlq").wire("q", Port.EXPIRED, "expired")
                .build();
        Simulation sim = start(flow);
        sim.runUntil(10);
        Snapshot snap = sim.snapshot();
        // The consumer fails what it gets (delivery limit 1: dead-lettered), one every 200 ms from 0 s;
        // the fourth is still waiting at 0.5 s, when its TTL runs out.
        long failed = snap.node("c").failed();
        assertThat(failed).isEqualTo(3);
        assertThat(snap.node("dlq").ready()).isEqualTo(failed);
        assertThat(snap.node("expired").ready()).isEqualTo(4 - failed);
        assertThat(snap.node("q").expired()).isEqualTo(4 - failed);
        assertThat(snap.node("q").deadLettered()).isEqualTo(failed);
        assertThat(sim.peek("expired", 10)).allSatisfy(m -> assertThat(m.deaths().getFirst().reason()).isEqualTo("expired"));
        assertThat(sim.conservation().holds()).isTrue();
    }
}
