// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.pipewright.engine.api.MessageEvent;
import dev.pipewright.engine.api.MessageView;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Flow;
import dev.pipewright.model.InvalidPropertyException;
import dev.pipewright.model.Port;
import dev.pipewright.model.ScriptedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** A source that publishes a fixed script of messages, and the per-message TTL and delay the queues honour. */
class ScriptedSourceTest extends EngineTest {

    /** A message of the script: at {@code atMs}, with id, priority, TTL and delay (null for none). */
    private static ScriptedMessage msg(long atMs, String id, Integer priority, Duration ttl, Duration delay) {
        return new ScriptedMessage(ms(atMs), id, null, priority, Map.of(), ttl, delay);
    }

    /** Every message event of a run, and the script id of each engine message (from its publish order). */
    private static final class Recorder {
        final List<MessageEvent> events = new ArrayList<>();
        final Map<Long, String> scriptId = new HashMap<>();
        private final List<String> publishOrder;

        Recorder(Simulation sim, List<String> publishOrder) {
            this.publishOrder = publishOrder;
            sim.setMessageEvents(e -> {
                events.add(e);
                if (e.event().equals("publish")) {
                    scriptId.put(e.message(), publishOrder.get(scriptId.size()));
                }
            });
        }

        /** The script ids of the messages with events matching {@code which}, in event order. */
        List<String> ids(Predicate<MessageEvent> which) {
            return events.stream().filter(which).map(e -> scriptId.get(e.message())).toList();
        }

        /** The time of the one event matching {@code which} for the message scripted as {@code id}. */
        double time(String id, Predicate<MessageEvent> which) {
            return events.stream().filter(which).filter(e -> id.equals(scriptId.get(e.message())))
                    .mapToDouble(MessageEvent::t).findFirst().orElseThrow();
        }
    }

    private static Predicate<MessageEvent> at(String event, String node) {
        return e -> e.event().equals(event) && e.node().equals(node);
    }

    @Test
    void tenMessagesWithPrioritiesAreDeliveredByPriorityAfterTheFirst() {
        List<ScriptedMessage> script = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            script.add(msg(1000, "m" + i, i - 1, null, null));
            ids.add("m" + i);
        }
        Flow flow = new FlowBuilder()
                .source("src", "script", script)
                .queue("q", "maxPriority", 9)
                .consumer("c", "prefetch", 1, "processingTime", constant(100))
                .wire("src", "q").wire("q", "c").build();
        Simulation sim = start(flow);
        Recorder rec = new Recorder(sim, ids);
        sim.runUntil(10);

        // m1 finds the consumer idle and goes at once; the other nine wait and leave highest priority first.
        assertThat(rec.ids(at("deliver", "q")))
                .containsExactly("m1", "m10", "m9", "m8", "m7", "m6", "m5", "m4", "m3", "m2");
        assertThat(sim.snapshot().node("src").out()).isEqualTo(10);
        assertThat(sim.snapshot().node("c").completed()).isEqualTo(10);
    }

    @Test
    void theLowerOfTheQueueTtlAndTheMessageTtlWins() {
        // Queue TTL 2 s, nobody reads it: m1's own 500 ms is lower and wins; m2's own 5 s is higher, so the queue's wins.
        Flow flow = new FlowBuilder()
                .source("src", "script", List.of(msg(0, "m1", null, ms(500), null), msg(0, "m2", null, s(5), null)))
                .queue("q", "messageTtl", s(2))
                .dlq("dlq")
                .wire("src", "q").wire("q", Port.DEAD_LETTER, "dlq").build();
        Simulation sim = start(flow);
        Recorder rec = new Recorder(sim, List.of("m1", "m2"));
        sim.runUntil(10);

        assertThat(rec.time("m1", at("dead-letter", "q"))).isCloseTo(0.5, within(1e-9));
        assertThat(rec.time("m2", at("dead-letter", "q"))).isCloseTo(2.0, within(1e-9));
        assertThat(sim.snapshot().node("q").expired()).isEqualTo(2);
        assertThat(sim.peek("dlq", 10)).extracting(v -> v.deaths().getFirst().reason()).containsOnly("expired");
    }

    @Test
    void aShortLivedMessageBehindALongLivedOneExpiresWhenItReachesTheHead() {
        // A classic queue expires only at the head: m2 (1 s) waits behind m1 (3 s), and both go at 3 s.
        Flow flow = new FlowBuilder()
                .source("src", "script", List.of(msg(0, "m1", null, s(3), null), msg(0, "m2", null, s(1), null)))
                .queue("q")
                .dlq("dlq")
                .wire("src", "q").wire("q", Port.DEAD_LETTER, "dlq").build();
        Simulation sim = start(flow);
        Recorder rec = new Recorder(sim, List.of("m1", "m2"));
        sim.runUntil(10);

        assertThat(rec.ids(at("dead-letter", "q"))).containsExactly("m1", "m2");
        assertThat(rec.time("m2", at("dead-letter", "q"))).isCloseTo(3.0, within(1e-9));
    }

    @Test
    void aMessageTtlExpiresAMessageFoundExpiredWhenItIsDelivered() {
        // The consumer is busy with m1 until 2 s; m2 (TTL 500 ms) waits at the head and expires at 1.5 s,
        // m3 (no TTL) is delivered after m1.
        Flow flow = new FlowBuilder()
                .source("src", "script", List.of(msg(1000, "m1", null, null, null), msg(1000, "m2", null, ms(500), null),
                        msg(1000, "m3", null, null, null)))
                .queue("q")
                .consumer("c", "prefetch", 1, "processingTime", constant(1000))
                .wire("src", "q").wire("q", "c").build();
        Simulation sim = start(flow);
        Recorder rec = new Recorder(sim, List.of("m1", "m2", "m3"));
        sim.runUntil(10);

        assertThat(rec.ids(at("deliver", "q"))).containsExactly("m1", "m3");
        assertThat(rec.time("m2", at("expire", "q"))).isCloseTo(1.5, within(1e-9));
        assertThat(sim.snapshot().node("q").expired()).isEqualTo(1);
    }

    @Test
    void aMessagesOwnDelayReplacesTheQueuesDeliveryDelay() {
        Flow flow = new FlowBuilder()
                .source("src", "script", List.of(msg(1000, "own", null, null, ms(500)), msg(1000, "queue's", null, null, null),
                        msg(1000, "none", null, null, Duration.ZERO)))
                .queue("q", "deliveryDelay", s(5))
                .consumer("c", "processingTime", constant(10))
                .wire("src", "q").wire("q", "c").build();
        Simulation sim = start(flow);
        Recorder rec = new Recorder(sim, List.of("own", "queue's", "none"));
        sim.runUntil(10);

        assertThat(rec.time("none", at("deliver", "q"))).isCloseTo(1.0, within(1e-9));
        assertThat(rec.time("own", at("deliver", "q"))).isCloseTo(1.5, within(1e-9));
        assertThat(rec.time("queue's", at("deliver", "q"))).isCloseTo(6.0, within(1e-9));
    }

    @Test
    void aConsumerPicksAScriptedIdSoExactlyThatMessageDeadLettersAtTheDeliveryLimit() {
        List<ScriptedMessage> script = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            script.add(msg(1000, "m" + i, null, null, null));
        }
        Flow flow = new FlowBuilder()
                .source("src", "script", script)
                .queue("q", "deliveryLimit", 3)
                .dlq("dlq")
                .consumer("c", "failWhen", "header:id=m3", "onFailure", Consumer.FailureAction.REQUEUE,
                        "processingTime", constant(10))
                .wire("src", "q").wire("q", "c").wire("q", Port.DEAD_LETTER, "dlq").build();
        Simulation sim = start(flow);
        sim.runUntil(10);

        List<MessageView> dead = sim.peek("dlq", 10);
        assertThat(dead).singleElement().satisfies(v -> {
            assertThat(v.headers()).containsEntry("id", "m3");
            assertThat(v.deaths().getFirst().reason()).isEqualTo("delivery_limit");
        });
        assertThat(sim.snapshot().node("c").failed()).isEqualTo(3);
        assertThat(sim.snapshot().node("c").completed()).isEqualTo(4);
    }

    @Test
    void equalTimesKeepScriptOrderAndTheScriptIsPublishedInTimeOrder() {
        Flow flow = new FlowBuilder()
                .source("src", "headers", Map.of("tenant", "acme"), "script", List.of(
                        new ScriptedMessage(s(2), "late", "k.late", null, Map.of("tenant", "zeta"), null, null),
                        msg(1000, "b", null, null, null), msg(1000, "c", null, null, null), msg(1000, "d", null, null, null),
                        msg(0, "first", null, null, null)))
                .queue("q")
                .wire("src", "q").build();
        Simulation sim = start(flow);
        sim.runUntil(10);

        List<MessageView> waiting = sim.peek("q", 10);
        assertThat(waiting).extracting(v -> v.headers().get("id")).containsExactly("first", "b", "c", "d", "late");
        assertThat(waiting.getLast().headers()).containsEntry("tenant", "zeta");
        assertThat(waiting.getLast().routingKey()).isEqualTo("k.late");
        assertThat(waiting.getFirst().headers()).containsEntry("tenant", "acme");
        assertThat(waiting).extracting(MessageView::createdAt).containsExactly(0.0, 1.0, 1.0, 1.0, 2.0);
    }

    @Test
    void aScriptIgnoresTheRateAndPublishesNothingElse() {
        Flow flow = new FlowBuilder()
                .source("src", "rate", 1000.0, "messageLimit", 5L, "duplicateRate", 1.0,
                        "script", List.of(msg(500, "m1", null, null, null), msg(3000, "m2", null, null, null)))
                .queue("q")
                .wire("src", "q").build();
        Simulation sim = start(flow);
        sim.runUntil(1);
        assertThat(sim.snapshot().node("src").out()).isEqualTo(1);
        assertThat(sim.snapshot().node("src").up()).isTrue();
        sim.runUntil(60);
        assertThat(sim.snapshot().node("q").ready()).isEqualTo(2);
        assertThat(sim.snapshot().node("src").up()).isFalse();
    }

    @Test
    void theSameSeedGivesTheSameScriptedRun() {
        List<ScriptedMessage> script = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            script.add(msg(i * 7L % 1000, null, null, i % 3 == 0 ? ms(50) : null, null));
        }
        Flow flow = new FlowBuilder()
                .source("src", "priorityMix", Map.of(0, 1.0, 5, 1.0), "script", script)
                .queue("q", "maxPriority", 5)
                .dlq("dlq")
                .consumer("c", "processingTime", exp(20), "failureRate", 0.2)
                .wire("src", "q").wire("q", "c").wire("q", Port.DEAD_LETTER, "dlq").build();
        Simulation one = start(flow, 11);
        Simulation two = start(flow, 11);
        one.runUntil(30);
        two.runUntil(30);

        assertThat(one.snapshot().nodes()).isEqualTo(two.snapshot().nodes());
        assertThat(one.eventCount()).isEqualTo(two.eventCount());
        assertThat(one.snapshot().node("q").expired()).isPositive();
    }

    @Test
    void aHundredThousandMessageScriptRunsInLinearEvents() {
        List<ScriptedMessage> script = new ArrayList<>();
        // Written backwards, so the run must sort it; pairs share a time.
        for (int i = 100_000; i > 0; i--) {
            script.add(msg(i / 2, null, null, null, null));
        }
        Flow flow = new FlowBuilder()
                .source("src", "script", script)
                .queue("q")
                .consumer("c", "instances", 4, "processingTime", constant(1))
                .wire("src", "q").wire("q", "c").build();
        Simulation sim = start(flow);
        sim.runUntil(60);

        assertThat(sim.snapshot().node("c").completed()).isEqualTo(100_000);
        // One event per distinct time at the source plus a few per message: linear, not one per pair of messages.
        assertThat(sim.eventCount()).isLessThan(10L * 100_000);
    }

    @Test
    void aScriptOfOneMoreThanTheLimitIsRefusedInWords() {
        List<ScriptedMessage> script = new ArrayList<>(java.util.Collections.nCopies(100_001, msg(0, null, null, null, null)));

        assertThatThrownBy(() -> new FlowBuilder().source("src", "script", script))
                .isInstanceOf(InvalidPropertyException.class)
                .hasMessageContaining("script", "at most 100,000 messages (has 100,001)");
    }
}
