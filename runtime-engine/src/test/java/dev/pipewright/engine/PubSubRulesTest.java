// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.api.MessageView;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Queue;
import dev.pipewright.model.RecordCopy;
import dev.pipewright.model.ScriptedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Google Cloud Pub/Sub profile's rules, each with an answer worked out by hand from the Pub/Sub
 * documentation (docs/brokers.md, "Google Cloud Pub/Sub"). A queue is a pull subscription, its
 * visibility timeout the ack deadline, its delivery limit maxDeliveryAttempts, its redelivery delay
 * and maximum the retry policy's back-off, its fifo flag message ordering.
 */
class PubSubRulesTest extends EngineTest {

    /** One message at t=1 to "q", {@code instances} instances with prefetch 1 taking {@code processingMs} per message. */
    private static Flow slowConsumer(Broker broker, int instances, long processingMs, Object... queue) {
        return on(broker, new FlowBuilder()
                .source("src", burstAtOne(1))
                .queue("q", queue)
                .consumer("c", "instances", instances, "prefetch", 1, "processingTime", constant(processingMs))
                .wire("src", "q").wire("q", "c").build());
    }

    @Test
    void anAckDeadlineShorterThanTheProcessingTimeDeliversTheMessageTwice() {
        // Delivered at 1 s to one instance, processed for 12 s; the 10 s ack deadline ends at 11 s, so
        // the other instance gets it again at 11 s; the first acks at 13 s, too late to stop the copy.
        Simulation sim = start(slowConsumer(Broker.PUBSUB, 2, 12_000));
        sim.runUntil(10.9);
        assertThat(sim.snapshot().node("q").redelivered()).isZero();
        sim.runUntil(11.1);
        assertThat(sim.snapshot().node("q").redelivered()).isEqualTo(1);
        sim.runUntil(13.1);
        Snapshot snap = sim.snapshot();
        assertThat(snap.node("c").completed()).isEqualTo(1);
        assertThat(sim.conservation().produced()).isEqualTo(2);
        assertConserved(sim);

        // An ack deadline of 20 s covers the 12 s: delivered once.
        Simulation longer = start(slowConsumer(Broker.PUBSUB, 2, 12_000, "visibilityTimeout", Duration.ofSeconds(20)));
        longer.runUntil(60);
        assertThat(longer.snapshot().node("c").completed()).isEqualTo(1);
        assertThat(longer.snapshot().node("q").redelivered()).isZero();
    }

    @Test
    void theRetryPolicySpacesTheRedeliveryAfterAnAckDeadlineEnds() {
        // The ack deadline ends at 11 s; the exponential retry policy waits its minimum, 10 s, first.
        // With exactly-once delivery the first subscriber's ack at 13 s fails, so the copy goes at 21 s.
        Simulation sim = start(slowConsumer(Broker.PUBSUB, 2, 12_000, "redeliveryDelay", Duration.ofSeconds(10),
                "redeliveryMultiplier", 2.0, "exactlyOnce", true));
        sim.runUntil(20.9);
        assertThat(sim.snapshot().node("q").redelivered()).isZero();
        assertThat(sim.snapshot().node("q").scheduled()).isEqualTo(1);
        sim.runUntil(21.1);
        assertThat(sim.snapshot().node("q").redelivered()).isEqualTo(1);
        assertConserved(sim);
    }

    @Test
    void atLeastOnceALateAckRemovesTheCopyStillWaitingItsBackOff() {
        // As above without exactly-once: the ack at 13 s, after the deadline, "may succeed" and here
        // does, since the message has not been delivered again: the copy waiting for 21 s goes.
        Simulation sim = start(slowConsumer(Broker.PUBSUB, 2, 12_000, "redeliveryDelay", Duration.ofSeconds(10),
                "redeliveryMultiplier", 2.0));
        sim.runUntil(12.9);
        assertThat(sim.snapshot().node("q").scheduled()).isEqualTo(1);
        sim.runUntil(13.1);
        assertThat(sim.snapshot().node("q").scheduled()).isZero();
        sim.runUntil(120);
        Snapshot snap = sim.snapshot();
        assertThat(snap.node("q").redelivered()).isZero();
        assertThat(snap.node("c").completed()).isEqualTo(1);
        assertThat(sim.conservation().produced()).isEqualTo(2);
        assertThat(sim.conservation().filtered()).isEqualTo(1);
        assertConserved(sim);
    }

    @Test
    void exactlyOnceFailsAnAckAfterTheDeadlineAndDeliversTheMessageAgain() {
        // One instance, 12 s per message, no retry policy. The ack deadline ends at 11 s and the copy
        // waits, ready, for the busy instance. At 13 s its ack comes: under at-least-once it removes the
        // waiting copy (one delivery in all); under exactly-once the expired ack ID fails, and the same
        // instance gets the message again at 13 s.
        Simulation atLeastOnce = start(slowConsumer(Broker.PUBSUB, 1, 12_000));
        atLeastOnce.runUntil(11.1);
        assertThat(atLeastOnce.snapshot().node("q").ready()).isEqualTo(1);
        atLeastOnce.runUntil(60);
        assertThat(atLeastOnce.snapshot().node("q").redelivered()).isZero();
        assertThat(atLeastOnce.snapshot().node("c").completed()).isEqualTo(1);
        assertThat(atLeastOnce.snapshot().node("q").ready()).isZero();
        assertConserved(atLeastOnce);

        Simulation exactlyOnce = start(slowConsumer(Broker.PUBSUB, 1, 12_000, "exactlyOnce", true));
        exactlyOnce.runUntil(12.9);
        assertThat(exactlyOnce.snapshot().node("q").redelivered()).isZero();
        exactlyOnce.runUntil(13.1);
        assertThat(exactlyOnce.snapshot().node("q").redelivered()).isEqualTo(1);
        assertThat(exactlyOnce.snapshot().node("c").completed()).isEqualTo(1);
        assertConserved(exactlyOnce);
    }

    @Test
    void exactlyOnceNeverRedeliversAMessageAckedWithinItsDeadline() {
        // A 20 s ack deadline covers the 12 s of processing: acked at 13 s, never delivered again,
        // and never delivered twice while outstanding, though a second instance is idle throughout.
        Simulation sim = start(slowConsumer(Broker.PUBSUB, 2, 12_000, "visibilityTimeout", Duration.ofSeconds(20),
                "exactlyOnce", true));
        sim.runUntil(12.9);
        assertThat(sim.snapshot().node("q").redelivered()).isZero();
        assertThat(sim.snapshot().node("q").unacked()).isEqualTo(1);
        sim.runUntil(3_600);
        assertThat(sim.snapshot().node("q").redelivered()).isZero();
        assertThat(sim.snapshot().node("c").completed()).isEqualTo(1);
        assertThat(sim.conservation().produced()).isEqualTo(1);
        assertConserved(sim);
    }

    @Test
    void aNackRedeliversAtOnceAndAPoisonMessageIsDeadLetteredAfterFiveDeliveryAttempts() {
        // Without a retry policy a nack redelivers at once: attempts at 1.00, 1.01, 1.02, 1.03 and
        // 1.04 s; the fifth fails at 1.05 s and maxDeliveryAttempts 5 forwards it to the dead-letter topic.
        Simulation sim = start(on(Broker.PUBSUB, poison(1, props("deliveryLimit", 5))));
        sim.runUntil(1.045);
        assertThat(sim.snapshot().node("c").failed()).isEqualTo(4);
        assertThat(sim.snapshot().node("dlq").ready()).isZero();
        sim.runUntil(1.2);
        assertThat(sim.snapshot().node("c").failed()).isEqualTo(5);
        assertThat(sim.snapshot().node("dlq").ready()).isEqualTo(1);
        MessageView dead = sim.peek("dlq", 1).getFirst();
        assertThat(dead.deaths().getFirst().reason()).isEqualTo("delivery_limit");
        assertConserved(sim);

        // SQS, by contrast, waits out a visibility timeout (30 s) after each failure.
        Simulation sqs = start(on(Broker.SQS, poison(1, props("deliveryLimit", 5))));
        sqs.runUntil(1.2);
        assertThat(sqs.snapshot().node("c").failed()).isEqualTo(1);
    }

    private static final String PUSH_URL = "https://orders.example.com/push";

    @Test
    void aPushSubscriptionPausesAfterEachFailedAnswerForADoublingPushBackOff() {
        // Without a retry policy a nack redelivers at once, but each non-success answer of a push
        // endpoint pauses the subscription 0.1, 0.2, 0.4, 0.8 s: attempts at 1.00, 1.11, 1.32, 1.73 and
        // 2.54 s, each failing 10 ms later; the fifth goes to the dead-letter topic at 2.55 s.
        Simulation sim = start(on(Broker.PUBSUB, poison(1, props("deliveryLimit", 5, "pushEndpoint", PUSH_URL))));
        double[] failAt = {1.01, 1.12, 1.33, 1.74, 2.55};
        for (int k = 0; k < failAt.length; k++) {
            sim.runUntil(failAt[k] - 0.005);
            assertThat(sim.snapshot().node("c").failed()).as("before %ss", failAt[k]).isEqualTo(k);
            sim.runUntil(failAt[k] + 0.005);
            assertThat(sim.snapshot().node("c").failed()).as("after %ss", failAt[k]).isEqualTo(k + 1);
        }
        assertThat(sim.snapshot().node("dlq").ready()).isEqualTo(1);
        assertConserved(sim);
    }

    @Test
    void thePushBackOffHoldsEveryMessageOfTheSubscriptionAndASuccessResetsIt() {
        // One handler, 10 ms per push; every message's first attempt fails. m1 fails at 0.01 s, so
        // nothing is pushed until 0.11 s though m2 (at 0.05 s) waits and the handler is idle; m1 then
        // succeeds at 0.12 s, which resets the back-off, so m2's failure at 0.13 s pauses 0.1 s, not
        // 0.2 s: m2 succeeds at 0.24 s. A pull subscription retries at once: both done by 0.07 s.
        List<ScriptedMessage> script = List.of(
                new ScriptedMessage(Duration.ZERO, "m1", null, null, Map.of(), null, null),
                new ScriptedMessage(Duration.ofMillis(50), "m2", null, null, Map.of(), null, null));
        java.util.function.Function<Object[], Flow> flow = queue -> on(Broker.PUBSUB, new FlowBuilder()
                .source("src", "script", script)
                .queue("q", queue)
                .consumer("c", "instances", 1, "prefetch", 1, "processingTime", constant(10), "failFirstAttempts", 1)
                .wire("src", "q").wire("q", "c").build());
        Simulation push = start(flow.apply(props("pushEndpoint", PUSH_URL)));
        push.runUntil(0.1);
        assertThat(push.snapshot().node("q").ready()).isEqualTo(2);
        assertThat(push.snapshot().node("q").unacked()).isZero();
        push.runUntil(0.235);
        assertThat(push.snapshot().node("c").completed()).isEqualTo(1);
        push.runUntil(0.245);
        assertThat(push.snapshot().node("c").completed()).isEqualTo(2);
        assertConserved(push);

        Simulation pull = start(flow.apply(props()));
        pull.runUntil(0.075);
        assertThat(pull.snapshot().node("c").completed()).isEqualTo(2);
    }

    @Test
    void aPushRequestThatTimesOutAtTheAckDeadlineIsPushedAgainAfterTheBackOff() {
        // The ack deadline is the push request's timeout: the 12 s handler times out at 11 s, which
        // pauses pushes 0.1 s, so the other handler gets the message at 11.1 s (a pull subscriber at
        // 11 s); the first handler's answer at 13 s comes too late to count.
        Simulation sim = start(slowConsumer(Broker.PUBSUB, 2, 12_000, "pushEndpoint", PUSH_URL));
        sim.runUntil(11.05);
        assertThat(sim.snapshot().node("q").redelivered()).isZero();
        sim.runUntil(11.15);
        assertThat(sim.snapshot().node("q").redelivered()).isEqualTo(1);
        sim.runUntil(30);
        assertThat(sim.snapshot().node("c").completed()).isEqualTo(2);
        assertConserved(sim);
    }

    @Test
    void turningExactlyOnceOrPushOnWhileARunGoesNeedsARestartAndTheAckDeadlineDoesNot() {
        Flow flow = slowConsumer(Broker.PUBSUB, 2, 100);
        Simulation sim = start(flow);
        sim.runUntil(1);
        Node q = flow.node("q").orElseThrow();
        for (Object[] change : List.of(new Object[] {"exactlyOnce", true}, new Object[] {"pushEndpoint", PUSH_URL})) {
            dev.pipewright.engine.api.ApplyResult result = sim.applyFlow(flow.replaceNode(q.with((String) change[0], change[1])));
            assertThat(result.status()).as("%s", change[0]).isEqualTo(dev.pipewright.engine.api.ApplyResult.Status.RESTART_NEEDED);
            assertThat(result.reason()).contains("queue 'q'", "needs a restart");
        }
        assertThat(sim.applyFlow(flow.replaceNode(q.with("visibilityTimeout", Duration.ofSeconds(30)))).applied()).isTrue();
    }

    @Test
    void aDeadLetterTopicWithoutMaxDeliveryAttemptsAllowsFive() {
        // Pub/Sub's dead-letter policy defaults to 5 attempts; without a dead-letter topic there is no limit.
        Simulation sim = start(on(Broker.PUBSUB, poison(1, props())));
        sim.runUntil(1.2);
        assertThat(sim.snapshot().node("c").failed()).isEqualTo(5);
        assertThat(sim.snapshot().node("dlq").ready()).isEqualTo(1);

        Flow noTopic = new FlowBuilder()
                .source("src", burstAtOne(1))
                .queue("q")
                .consumer("c", "failureRate", 1.0, "processingTime", constant(10))
                .wire("src", "q").wire("q", "c").build();
        Simulation forever = start(on(Broker.PUBSUB, noTopic));
        forever.runUntil(1.2);
        assertThat(forever.snapshot().node("c").failed()).isGreaterThan(5);
        assertThat(forever.snapshot().node("q").dropped()).isZero();
    }

    @Test
    void theExponentialBackOffDoublesFromTenSecondsAndStopsAtSixHundred() {
        // Each attempt fails 10 ms after it starts; the next one waits 10, 20, 40, 80, 160, 320, then
        // 600 s (640 capped), then 600 s again, counted from the nack.
        double[] gaps = {10, 20, 40, 80, 160, 320, 600, 600};
        Simulation sim = start(on(Broker.PUBSUB, poison(1, props("deliveryLimit", 100,
                "redeliveryDelay", Duration.ofSeconds(10), "redeliveryMultiplier", 2.0))));
        double attempt = 1;
        for (int k = 0; k < gaps.length; k++) {
            sim.runUntil(attempt + 0.011);
            assertThat(sim.snapshot().node("c").failed()).as("attempt %d at %ss", k + 1, attempt).isEqualTo(k + 1);
            double next = attempt + 0.01 + gaps[k];
            sim.runUntil(next - 0.001);
            assertThat(sim.snapshot().node("c").failed()).as("no attempt before %ss", next).isEqualTo(k + 1);
            assertThat(sim.snapshot().node("q").scheduled()).isEqualTo(1);
            attempt = next;
        }
        assertConserved(sim);
    }

    @Test
    void aFailedMessageBlocksItsOrderingKeyUntilItIsDeliveredAgain() {
        // a0 and a1 share ordering key a; c0 has none. Every first attempt fails; the back-off is 10 s.
        // a0 fails at 0.1 s and a1 waits behind it though an instance is idle; a0 is delivered again at
        // 10.1 s and acked at 10.2 s, then a1 goes (fails, and is acked at 20.4 s).
        Flow flow = new FlowBuilder()
                .source("src", "script", List.of(keyed("a0", "a"), keyed("a1", "a"), keyed("c0", null)))
                .queue("q", "fifo", true, "redeliveryDelay", Duration.ofSeconds(10), "redeliveryMultiplier", 2.0)
                .consumer("c", "instances", 2, "prefetch", 1, "processingTime", constant(100), "failFirstAttempts", 1)
                .queue("done")
                .wire("src", "q").wire("q", "c").wire("c", "done").build();
        Simulation ordered = start(on(Broker.PUBSUB, flow));
        ordered.runUntil(5);
        assertThat(ordered.snapshot().node("q").ready()).isEqualTo(1);
        assertThat(ordered.snapshot().node("q").scheduled()).isEqualTo(2);
        ordered.runUntil(20.3);
        assertThat(ids(ordered, "done")).containsExactly("a0", "c0");
        ordered.runUntil(30);
        assertThat(ids(ordered, "done")).containsExactly("a0", "c0", "a1");
        assertConserved(ordered);

        // Without message ordering a1 goes at once to the idle instance.
        Simulation unordered = start(on(Broker.PUBSUB, flow.replaceNode(
                RecordCopy.with((Queue) flow.node("q").orElseThrow(), "fifo", false))));
        unordered.runUntil(5);
        assertThat(unordered.snapshot().node("q").ready()).isZero();
        assertThat(unordered.snapshot().node("q").scheduled()).isEqualTo(3);
    }

    @Test
    void anOrderingKeyKeepsItsOrderUnderRetries() {
        // Two ordering keys (the routing key), ten messages each, interleaved; a third of the attempts
        // fail (seeded) and are nacked; two instances could take two messages of one key at once otherwise.
        List<ScriptedMessage> script = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            script.add(new ScriptedMessage(Duration.ZERO, "a" + i, "a", null, Map.of(), null, null));
            script.add(new ScriptedMessage(Duration.ZERO, "b" + i, "b", null, Map.of(), null, null));
        }
        Flow flow = new FlowBuilder()
                .source("src", "script", script)
                .queue("q", "fifo", true, "redeliveryDelay", Duration.ofSeconds(10), "redeliveryMultiplier", 2.0)
                .consumer("c", "instances", 2, "prefetch", 1, "processingTime", constant(100), "failureRate", 0.3)
                .queue("done")
                .wire("src", "q").wire("q", "c").wire("c", "done").build();
        Simulation ordered = start(on(Broker.PUBSUB, flow));
        ordered.runUntil(3600);
        List<String> done = ids(ordered, "done");
        assertThat(done).hasSize(20);
        assertThat(group(done, "a")).isEqualTo(inOrder("a"));
        assertThat(group(done, "b")).isEqualTo(inOrder("b"));
        assertConserved(ordered);

        Simulation unordered = start(on(Broker.PUBSUB, flow.replaceNode(
                RecordCopy.with((Queue) flow.node("q").orElseThrow(), "fifo", false))));
        unordered.runUntil(3600);
        List<String> any = ids(unordered, "done");
        assertThat(any).hasSize(20);
        assertThat(group(any, "a")).isNotEqualTo(inOrder("a"));
    }

    @Test
    void aCrashedSubscribersMessageWaitsForItsAckDeadline() {
        // Delivered at 1 s; the instance crashes at 2 s without acking or nacking; the message is
        // delivered again when its 10 s ack deadline ends, at 11 s, not at once as after a nack.
        Flow flow = on(Broker.PUBSUB, new FlowBuilder()
                .source("src", burstAtOne(1))
                .queue("q")
                .consumer("c", "instances", 2, "prefetch", 1, "processingTime", constant(5000))
                .wire("src", "q").wire("q", "c").build());
        Simulation sim = start(flow);
        sim.runUntil(2);
        sim.crashConsumerInstance("c", 0);
        sim.runUntil(10.9);
        assertThat(sim.snapshot().node("q").redelivered()).isZero();
        sim.runUntil(11.1);
        assertThat(sim.snapshot().node("q").redelivered()).isEqualTo(1);
        assertConserved(sim);
    }

    @Test
    void messagesAreDeletedAfterSevenDaysOfRetentionUnlessSet() {
        Flow flow = on(Broker.PUBSUB, new FlowBuilder()
                .source("src", burstAtOne(1))
                .queue("q").dlq("dlq")
                .wire("src", "q").wire("q", Port.DEAD_LETTER, "dlq").build());
        Simulation sim = start(flow);
        sim.runUntil(7 * 24 * 3600 - 1);
        assertThat(sim.snapshot().node("q").ready()).isEqualTo(1);
        sim.runUntil(7 * 24 * 3600 + 2);
        // Deleted, not dead-lettered, though the subscription has a dead-letter topic.
        assertThat(sim.snapshot().node("q").ready()).isZero();
        assertThat(sim.snapshot().node("q").expired()).isEqualTo(1);
        assertThat(sim.snapshot().node("dlq").ready()).isZero();
    }

    @Test
    void pubSubHasNoPriorities() {
        Flow flow = on(Broker.PUBSUB, new FlowBuilder()
                .source("src", "script", List.of(
                        new ScriptedMessage(Duration.ZERO, "low", null, 0, Map.of(), null, null),
                        new ScriptedMessage(Duration.ZERO, "high", null, 9, Map.of(), null, null)))
                .queue("q", "maxPriority", 10)
                .wire("src", "q").build());
        Simulation sim = start(flow);
        sim.runUntil(1);
        assertThat(ids(sim, "q")).containsExactly("low", "high");
    }

    private static ScriptedMessage keyed(String id, String orderingKey) {
        return new ScriptedMessage(Duration.ZERO, id, null, null,
                orderingKey == null ? Map.of() : Map.of("orderingKey", orderingKey), null, null);
    }

    private static List<String> group(List<String> ids, String group) {
        return ids.stream().filter(id -> id.startsWith(group)).toList();
    }

    private static List<String> inOrder(String group) {
        return java.util.stream.IntStream.range(0, 10).mapToObj(i -> group + i).toList();
    }

    private static List<String> ids(Simulation sim, String node) {
        return sim.peek(node, 50).stream().map(m -> m.headers().get("id")).toList();
    }
}
