// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.api.MessageView;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Flow;
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
 * The Amazon SQS profile's rules, each with an answer worked out by hand from the Amazon SQS
 * Developer Guide (docs/brokers.md, "Amazon SQS"); {@code SqsExportElasticMqTest} repeats the
 * poison message on ElasticMQ.
 */
class SqsRulesTest extends EngineTest {

    /** One message at t=1 to "q", one consumer instance with prefetch 1 taking {@code processingMs} per message. */
    private static Flow slowConsumer(Broker broker, Duration visibility, long processingMs) {
        return slowConsumers(broker, visibility, processingMs, 1);
    }

    private static Flow slowConsumers(Broker broker, Duration visibility, long processingMs, int instances) {
        return on(broker, new FlowBuilder()
                .source("src", burstAtOne(1))
                .queue("q", "visibilityTimeout", visibility)
                .consumer("c", "instances", instances, "prefetch", 1, "processingTime", constant(processingMs))
                .wire("src", "q").wire("q", "c").build());
    }

    @Test
    void aVisibilityTimeoutShorterThanTheProcessingTimeDeliversTheMessageTwice() {
        // Two instances. Received at 1 s by one, visible again at 2 s while processed until 2.5 s, and
        // received by the other at 2 s: the first's late delete is refused (its receipt is no longer
        // the latest). The copy is processed until 3.5 s, visible again at 3 s and received by the
        // first at 3 s, and once more at 4 s: two completions of one message and three redeliveries by 4.2 s.
        Simulation sqs = start(slowConsumers(Broker.SQS, Duration.ofSeconds(1), 1500, 2));
        sqs.runUntil(4.2);
        Snapshot snap = sqs.snapshot();
        assertThat(snap.node("c").completed()).isEqualTo(2);
        assertThat(snap.node("q").redelivered()).isEqualTo(3);

        Simulation generic = start(slowConsumers(Broker.GENERIC, Duration.ofSeconds(1), 1500, 2));
        generic.runUntil(4.2);
        assertThat(generic.snapshot().node("c").completed()).isEqualTo(1);
    }

    @Test
    void aLateDeleteDeletesTheMessageWhenNobodyReceivedItAgain() {
        // One instance: received at 1 s, visible again at 2 s with nobody free to receive it, processed
        // until 2.5 s; the delete with the first receipt, still the latest, deletes it (ElasticMQ and
        // SQS do: SqsFidelityTest), so it is processed once, and its visible copy goes.
        Simulation sqs = start(slowConsumer(Broker.SQS, Duration.ofSeconds(1), 1500));
        sqs.runUntil(30);
        Snapshot snap = sqs.snapshot();
        assertThat(snap.node("c").completed()).isEqualTo(1);
        assertThat(snap.node("q").redelivered()).isZero();
        assertThat(snap.node("q").ready()).isZero();
        assertThat(sqs.conservation().holds()).isTrue();
    }

    @Test
    void aVisibilityTimeoutLongerThanTheProcessingTimeDeliversOnce() {
        Simulation sim = start(slowConsumer(Broker.SQS, Duration.ofSeconds(2), 1500));
        sim.runUntil(30);
        assertThat(sim.snapshot().node("c").completed()).isEqualTo(1);
        assertThat(sim.snapshot().node("q").redelivered()).isZero();
    }

    @Test
    void aFailedMessageComesBackWhenItsVisibilityTimeoutEndsNotAtOnce() {
        // Received at 1 s, failed at 1.01 s, visible again at 6 s (30 s by default): received 2 times by 10 s.
        Simulation sim = start(on(Broker.SQS, poison(1, props("visibilityTimeout", Duration.ofSeconds(5)))));
        sim.runUntil(10);
        assertThat(sim.snapshot().node("c").failed()).isEqualTo(2);
        assertThat(sim.snapshot().node("q").scheduled()).isEqualTo(1);

        Simulation byDefault = start(on(Broker.SQS, poison(1, props())));
        byDefault.runUntil(30.5);
        assertThat(byDefault.snapshot().node("c").failed()).isEqualTo(1);
        byDefault.runUntil(31.5);
        assertThat(byDefault.snapshot().node("c").failed()).isEqualTo(2);
    }

    @Test
    void aPoisonMessageWithMaxReceiveCountThreeIsRedrivenAfterExactlyThreeReceives() {
        // Receives at 1, 6 and 11 s; at 16 s its fourth would exceed maxReceiveCount 3: redriven.
        Simulation sim = start(on(Broker.SQS, poison(1, props("deliveryLimit", 3,
                "visibilityTimeout", Duration.ofSeconds(5)))));
        sim.runUntil(15.9);
        assertThat(sim.snapshot().node("c").failed()).isEqualTo(3);
        assertThat(sim.snapshot().node("dlq").ready()).isZero();
        sim.runUntil(16.1);
        assertThat(sim.snapshot().node("c").failed()).isEqualTo(3);
        assertThat(sim.snapshot().node("dlq").ready()).isEqualTo(1);
        MessageView dead = sim.peek("dlq", 1).getFirst();
        assertThat(dead.deaths().getFirst().reason()).isEqualTo("delivery_limit");
    }

    @Test
    void aFifoQueueKeepsEachGroupsOrderUnderRetries() {
        // Two groups, ten messages each, interleaved; a third of the attempts fail (seeded).
        // Two instances could take two messages of one group at once on a standard queue.
        List<ScriptedMessage> script = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            script.add(grouped("a" + i, "a"));
            script.add(grouped("b" + i, "b"));
        }
        Flow flow = new FlowBuilder()
                .source("src", "script", script)
                .queue("q", "fifo", true, "visibilityTimeout", Duration.ofSeconds(1))
                .consumer("c", "instances", 2, "prefetch", 1, "processingTime", constant(100), "failureRate", 0.3)
                .queue("done")
                .wire("src", "q").wire("q", "c").wire("c", "done").build();
        Simulation sqs = start(on(Broker.SQS, flow));
        sqs.runUntil(600);
        List<String> done = ids(sqs, "done");
        assertThat(done).hasSize(20);
        assertThat(group(done, "a")).isEqualTo(inOrder("a"));
        assertThat(group(done, "b")).isEqualTo(inOrder("b"));

        // The same flow as a standard queue: a failed message waits out its timeout while later ones of its group go.
        Simulation standard = start(on(Broker.SQS, flow.replaceNode(
                RecordCopy.with((Queue) flow.node("q").orElseThrow(), "fifo", false))));
        standard.runUntil(600);
        List<String> unordered = ids(standard, "done");
        assertThat(unordered).hasSize(20);
        assertThat(group(unordered, "a")).isNotEqualTo(inOrder("a"));
    }

    @Test
    void aFifoQueueDropsARepeatedDeduplicationIdWithinFiveMinutes() {
        Flow flow = on(Broker.SQS, new FlowBuilder()
                .source("src", "script", List.of(dedup("m1", 0, "x"), dedup("m2", 10, "y"), dedup("m3", 60, "x"),
                        dedup("m4", 299, "x"), dedup("m5", 301, "x")))
                .queue("q", "fifo", true)
                .wire("src", "q").build());
        Simulation sim = start(flow);
        sim.runUntil(400);
        // m3 and m4 repeat x within 5 minutes of m1; m5 comes 301 s after it.
        assertThat(ids(sim, "q")).containsExactly("m1", "m2", "m5");
        assertThat(sim.snapshot().node("q").filtered()).isEqualTo(2);
    }

    @Test
    void messagesAreDeletedAfterFourDaysOfRetentionUnlessSet() {
        Flow flow = on(Broker.SQS, new FlowBuilder()
                .source("src", burstAtOne(1))
                .queue("q").dlq("dlq")
                .queue("short", "messageTtl", Duration.ofMinutes(1))
                .wire("src", "q").wire("src", "short").wire("q", Port.DEAD_LETTER, "dlq").build());
        Simulation sim = start(flow);
        sim.runUntil(62);
        assertThat(sim.snapshot().node("short").expired()).isEqualTo(1);
        sim.runUntil(4 * 24 * 3600 - 1);
        assertThat(sim.snapshot().node("q").ready()).isEqualTo(1);
        sim.runUntil(4 * 24 * 3600 + 2);
        // Deleted, not dead-lettered, though the queue has a dead-letter queue.
        assertThat(sim.snapshot().node("q").ready()).isZero();
        assertThat(sim.snapshot().node("q").expired()).isEqualTo(1);
        assertThat(sim.snapshot().node("dlq").ready()).isZero();
    }

    @Test
    void aConsumerHoldsAtMostOneReceiveBatchOfTen() {
        Flow flow = new FlowBuilder()
                .source("src", burstAtOne(30))
                .queue("q")
                .consumer("c", "instances", 1, "prefetch", 50, "processingTime", constant(1000))
                .wire("src", "q").wire("q", "c").build();
        Simulation sqs = start(on(Broker.SQS, flow));
        sqs.runUntil(1.5);
        assertThat(sqs.snapshot().node("q").unacked()).isEqualTo(10);
        Simulation generic = start(flow);
        generic.runUntil(1.5);
        assertThat(generic.snapshot().node("q").unacked()).isEqualTo(30);
    }

    @Test
    void sqsHasNoPriorities() {
        Flow flow = on(Broker.SQS, new FlowBuilder()
                .source("src", "script", List.of(priority("low", 0), priority("high", 9)))
                .queue("q", "maxPriority", 10)
                .wire("src", "q").build());
        Simulation sim = start(flow);
        sim.runUntil(1);
        assertThat(ids(sim, "q")).containsExactly("low", "high");
    }

    private static List<String> group(List<String> ids, String group) {
        return ids.stream().filter(id -> id.startsWith(group)).toList();
    }

    private static List<String> inOrder(String group) {
        return java.util.stream.IntStream.range(0, 10).mapToObj(i -> group + i).toList();
    }

    private static ScriptedMessage grouped(String id, String group) {
        return new ScriptedMessage(Duration.ZERO, id, null, null, Map.of("MessageGroupId", group), null, null);
    }

    private static ScriptedMessage dedup(String id, long atSeconds, String dedupId) {
        return new ScriptedMessage(Duration.ofSeconds(atSeconds), id, null, null,
                Map.of("MessageDeduplicationId", dedupId), null, null);
    }

    private static ScriptedMessage priority(String id, int priority) {
        return new ScriptedMessage(Duration.ZERO, id, null, priority, Map.of(), null, null);
    }

    private static List<String> ids(Simulation sim, String node) {
        return sim.peek(node, 50).stream().map(m -> m.headers().get("id")).toList();
    }
}
