// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Flow;
import dev.pipewright.model.NatsLimits;
import dev.pipewright.model.Overflow;
import dev.pipewright.model.QueueType;
import dev.pipewright.model.ScriptedMessage;
import dev.pipewright.model.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The NATS JetStream profile's rules, each with an answer worked out by hand from the NATS
 * documentation (docs/brokers.md, "NATS JetStream"). A queue is a stream with a durable pull
 * consumer: its visibility timeout is {@code ack_wait}, its delivery limit {@code max_deliver}, its
 * redelivery delay the nak's delay, queue type stream limits retention.
 */
class NatsRulesTest extends EngineTest {

    /** One message at t=1 to "q", {@code instances} instances with prefetch 1 taking {@code processingMs} per message. */
    private static Flow slowConsumer(int instances, long processingMs, Object... queue) {
        return on(Broker.NATS, new FlowBuilder()
                .source("src", burstAtOne(1))
                .queue("q", queue)
                .consumer("c", "instances", instances, "prefetch", 1, "processingTime", constant(processingMs))
                .wire("src", "q").wire("q", "c").build());
    }

    /** Messages at the given seconds, each with the {@code Nats-Msg-Id} given (null: none). */
    private static List<ScriptedMessage> script(Object... secondsAndIds) {
        List<ScriptedMessage> out = new ArrayList<>();
        for (int i = 0; i < secondsAndIds.length; i += 2) {
            String msgId = (String) secondsAndIds[i + 1];
            out.add(new ScriptedMessage(s(((Number) secondsAndIds[i]).doubleValue()), "m" + i / 2, null, null,
                    msgId == null ? Map.of() : Map.of(NatsLimits.MSG_ID_HEADER, msgId), null, null));
        }
        return out;
    }

    @Test
    void anAckWaitShorterThanTheProcessingTimeDeliversTheMessageTwice() {
        // Delivered at 1 s, processed for 35 s; ack_wait's default 30 s ends at 31 s, so the other
        // instance gets it again at 31 s; the first acks at 36 s, too late: the copy is being processed.
        Simulation sim = start(slowConsumer(2, 35_000));
        sim.runUntil(30.9);
        assertThat(sim.snapshot().node("q").redelivered()).isZero();
        sim.runUntil(31.1);
        assertThat(sim.snapshot().node("q").redelivered()).isEqualTo(1);
        sim.runUntil(36.1);
        assertThat(sim.snapshot().node("c").completed()).isEqualTo(1);
        assertThat(sim.conservation().produced()).isEqualTo(2);
        assertConserved(sim);

        // ack_wait 60 s covers the 35 s: delivered once.
        Simulation longer = start(slowConsumer(2, 35_000, "visibilityTimeout", Duration.ofSeconds(60)));
        longer.runUntil(100);
        assertThat(longer.snapshot().node("c").completed()).isEqualTo(1);
        assertThat(longer.snapshot().node("q").redelivered()).isZero();
    }

    @Test
    void aLateAckRemovesTheCopyNobodyHasTakenYet() {
        // One instance: at 31 s the copy waits for the busy instance; the ack at 36 s acks the stream
        // sequence still pending, so the copy goes and the message is processed once.
        Simulation sim = start(slowConsumer(1, 35_000));
        sim.runUntil(31.1);
        assertThat(sim.snapshot().node("q").ready()).isEqualTo(1);
        sim.runUntil(120);
        Snapshot snap = sim.snapshot();
        assertThat(snap.node("c").completed()).isEqualTo(1);
        assertThat(snap.node("q").ready()).isZero();
        assertThat(sim.conservation().filtered()).isEqualTo(1);
    }

    @Test
    void maxDeliverThreeEndsAPoisonMessageWithoutADeadLetterQueue() {
        // Every delivery fails and naks at once: deliveries at 1.00, 1.01 and 1.02 s; then the message is
        // never delivered again. Without a dead-letter wire it counts dropped (the advisory is all NATS says).
        Flow alone = on(Broker.NATS, new FlowBuilder()
                .source("src", burstAtOne(1))
                .queue("q", "deliveryLimit", 3)
                .consumer("c", "failureRate", 1.0, "processingTime", constant(10))
                .wire("src", "q").wire("q", "c").build());
        Simulation sim = start(alone);
        sim.runUntil(60);
        assertThat(sim.snapshot().node("c").failed()).isEqualTo(3);
        assertThat(sim.snapshot().node("q").dropped()).isEqualTo(1);
        assertThat(sim.conservation().deadLettered()).isZero();

        // With a dead-letter wire the profile shows the advisory listener's republish: the message reaches the DLQ.
        Simulation wired = start(on(Broker.NATS, poison(1, props("deliveryLimit", 3))));
        wired.runUntil(60);
        assertThat(wired.snapshot().node("c").failed()).isEqualTo(3);
        assertThat(wired.snapshot().node("dlq").ready()).isEqualTo(1);

        // max_deliver unset is unlimited: redelivered for ever, nothing dropped (Pub/Sub would stop at 5 with a DLQ).
        Simulation unlimited = start(on(Broker.NATS, poison(1, props())));
        unlimited.runUntil(1.2);
        assertThat(unlimited.snapshot().node("c").failed()).isGreaterThan(5);
        assertThat(unlimited.snapshot().node("dlq").ready()).isZero();
    }

    @Test
    void aNakWithDelayWaitsTheDelayGrowingByTheMultiplier() {
        // Fails 10 ms into each delivery; naks with 5 s, then 10 s: deliveries at 1, 6.01 and 16.02 s.
        Simulation sim = start(on(Broker.NATS, poison(1, props("deliveryLimit", 3,
                "redeliveryDelay", Duration.ofSeconds(5), "redeliveryMultiplier", 2.0))));
        sim.runUntil(6.0);
        assertThat(sim.snapshot().node("c").failed()).isEqualTo(1);
        assertThat(sim.snapshot().node("q").scheduled()).isEqualTo(1);
        sim.runUntil(6.03);
        assertThat(sim.snapshot().node("c").failed()).isEqualTo(2);
        sim.runUntil(16.01);
        assertThat(sim.snapshot().node("c").failed()).isEqualTo(2);
        sim.runUntil(16.04);
        assertThat(sim.snapshot().node("c").failed()).isEqualTo(3);
        assertThat(sim.snapshot().node("dlq").ready()).isEqualTo(1);
    }

    @Test
    void aRepeatedNatsMsgIdWithinTwoMinutesIsDropped() {
        // "a" at 0 s is stored; "a" at 60 s is a duplicate; "a" at 120 s is stored again, as the 2-minute
        // window of the first has ended; two publishes without a Nats-Msg-Id are never duplicates.
        Flow flow = on(Broker.NATS, new FlowBuilder()
                .source("src", "script", script(0, "a", 60, "a", 120, "a", 130, null, 131, null))
                .queue("q")
                .consumer("c", "processingTime", constant(10))
                .wire("src", "q").wire("q", "c").build());
        Simulation sim = start(flow);
        sim.runUntil(200);
        assertThat(sim.conservation().filtered()).isEqualTo(1);
        assertThat(sim.snapshot().node("c").completed()).isEqualTo(4);

        // The SQS header means nothing to NATS.
        Flow sqsHeader = on(Broker.NATS, new FlowBuilder()
                .source("src", "script", List.of(
                        new ScriptedMessage(Duration.ZERO, "x", null, null, Map.of("MessageDeduplicationId", "d"), null, null),
                        new ScriptedMessage(s(1), "y", null, null, Map.of("MessageDeduplicationId", "d"), null, null)))
                .queue("q")
                .consumer("c", "processingTime", constant(10))
                .wire("src", "q").wire("q", "c").build());
        Simulation other = start(sqsHeader);
        other.runUntil(10);
        assertThat(other.snapshot().node("c").completed()).isEqualTo(2);
    }

    /** Five messages a second apart to a stream of max_msgs 3 that discards new ones, read by a fast consumer. */
    private static Flow fullStream(Object... queue) {
        Object[] props = new Object[queue.length + 4];
        props[0] = "maxLength";
        props[1] = 3;
        props[2] = "overflow";
        props[3] = Overflow.REJECT_PUBLISH;
        System.arraycopy(queue, 0, props, 4, queue.length);
        return on(Broker.NATS, new FlowBuilder()
                .source("src", "script", script(0, null, 1, null, 2, null, 3, null, 4, null))
                .queue("q", props)
                .consumer("c", "processingTime", constant(10))
                .wire("src", "q").wire("q", "c").build());
    }

    @Test
    void aLimitsStreamKeepsAckedMessagesSoDiscardNewRefusesWhatAWorkQueueTakes() {
        // Work-queue retention: each ack removes the message, so the stream never holds 3 and takes all 5.
        Simulation workQueue = start(fullStream());
        workQueue.runUntil(10);
        assertThat(workQueue.snapshot().node("q").in()).isEqualTo(5);
        assertThat(workQueue.snapshot().node("c").completed()).isEqualTo(5);

        // Limits retention: the 3 acked messages stay, so the 4th and 5th publishes are refused.
        Simulation limits = start(fullStream("queueType", QueueType.STREAM));
        limits.runUntil(10);
        assertThat(limits.snapshot().node("q").in()).isEqualTo(3);
        assertThat(limits.snapshot().node("c").completed()).isEqualTo(3);

        // max_age 2.5 s removes the message of 0 s at 2.5 s and the one of 1 s at 3.5 s: the 4th (3 s) and
        // 5th (4 s) find room.
        Simulation aged = start(fullStream("queueType", QueueType.STREAM, "messageTtl", s(2.5)));
        aged.runUntil(10);
        assertThat(aged.snapshot().node("q").in()).isEqualTo(5);
    }

    @Test
    void discardOldOnALimitsStreamRemovesAckedMessagesBeforeUnreadOnes() {
        // max_msgs 2, discard old, and a consumer busy for 10 s per message. At 0 s m0 is delivered; m1
        // (1 s) and m2 (2 s) wait; at 2 s the stream holds 3: m1, the oldest not yet read, is discarded.
        Flow flow = on(Broker.NATS, new FlowBuilder()
                .source("src", "script", script(0, null, 1, null, 2, null))
                .queue("q", "maxLength", 2, "overflow", Overflow.DROP_HEAD, "queueType", QueueType.STREAM)
                .consumer("c", "prefetch", 1, "processingTime", constant(10_000))
                .wire("src", "q").wire("q", "c").build());
        Simulation busy = start(flow);
        busy.runUntil(2.5);
        assertThat(busy.snapshot().node("q").dropped()).isEqualTo(1);
        assertThat(busy.conservation().deadLettered()).isZero();

        // A fast consumer: the acked messages go first, so nothing unread is lost.
        Flow fast = on(Broker.NATS, new FlowBuilder()
                .source("src", "script", script(0, null, 1, null, 2, null, 3, null))
                .queue("q", "maxLength", 2, "overflow", Overflow.DROP_HEAD, "queueType", QueueType.STREAM)
                .consumer("c", "processingTime", constant(10))
                .wire("src", "q").wire("q", "c").build());
        Simulation quick = start(fast);
        quick.runUntil(10);
        assertThat(quick.snapshot().node("c").completed()).isEqualTo(4);
        assertThat(quick.snapshot().node("q").dropped()).isZero();
    }

    @Test
    void subjectWildcardsMatchOneTokenOrTheRest() {
        // orders.* takes orders.eu only; orders.> takes orders.eu and orders.eu.paris; "orders" matches neither.
        Flow flow = on(Broker.NATS, new FlowBuilder()
                .source("src", "script", List.of(
                        new ScriptedMessage(Duration.ZERO, "a", "orders.eu", null, Map.of(), null, null),
                        new ScriptedMessage(Duration.ZERO, "b", "orders.eu.paris", null, Map.of(), null, null),
                        new ScriptedMessage(Duration.ZERO, "c", "orders", null, Map.of(), null, null)))
                .topic("t", "routing", Topic.Routing.TOPIC)
                .queue("one")
                .queue("rest")
                .wire("src", "t").wire("t", "one", "orders.*").wire("t", "rest", "orders.>").build());
        Simulation sim = start(flow);
        sim.runUntil(1);
        assertThat(sim.snapshot().node("one").ready()).isEqualTo(1);
        assertThat(sim.snapshot().node("rest").ready()).isEqualTo(2);
        assertThat(sim.snapshot().node("t").dropped()).isEqualTo(1);
    }

    @Test
    void maxAckPendingOfAThousandIsSharedByTheInstances() {
        // No prefetch set: the consumer holds at most 1,000 unacked messages, 500 for each of 2 instances.
        for (int instances : new int[] {1, 2}) {
            Flow flow = on(Broker.NATS, new FlowBuilder()
                    .source("src", burstAtOne(2000))
                    .queue("q")
                    .consumer("c", "instances", instances, "prefetch", 0, "processingTime", constant(60_000))
                    .wire("src", "q").wire("q", "c").build());
            Simulation sim = start(flow);
            sim.runUntil(2);
            assertThat(sim.snapshot().node("q").unacked()).as("%d instances", instances).isEqualTo(1000);
            assertThat(sim.snapshot().node("q").ready()).isEqualTo(1000);
        }
    }
}
