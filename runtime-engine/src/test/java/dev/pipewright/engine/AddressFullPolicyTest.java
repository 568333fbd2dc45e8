// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.api.NodeStats;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Overflow;
import dev.pipewright.model.ScriptedMessage;
import dev.pipewright.model.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Artemis's address-full policies as queue overflows: page keeps everything, drop-new discards
 * the new message without telling the publisher, block holds a source back until there is room.
 * They run alike under every profile; only what the limit counts differs (ready messages, or under
 * Artemis every message not yet acknowledged).
 */
class AddressFullPolicyTest extends EngineTest {
    /** Ten messages with confirms at t=1 to a queue that holds five and has no consumer. */
    private static Flow full(Overflow overflow) {
        return new FlowBuilder()
                .source("src", burstAtOne(10, "confirms", true))
                .queue("q", "maxLength", 5, "overflow", overflow)
                .wire("src", "q").build();
    }

    @ParameterizedTest
    // A Kafka topic keeps every record for its retention and has no max length (docs/brokers.md, "Apache Kafka").
    @EnumSource(value = Broker.class, mode = EnumSource.Mode.EXCLUDE, names = "KAFKA")
    void dropNewDiscardsTheNewMessagesKeepsTheOldestAndConfirmsEveryPublish(Broker broker) {
        Simulation sim = start(on(broker, full(Overflow.DROP_NEW)));
        sim.runUntil(2);
        NodeStats q = sim.snapshot().node("q");
        assertThat(q.in()).isEqualTo(5);
        assertThat(q.ready()).isEqualTo(5);
        assertThat(q.dropped()).isEqualTo(5);
        assertThat(sim.peek("q", 10)).extracting(m -> m.id()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(sim.snapshot().node("src").confirmed()).isEqualTo(10);
        assertThat(sim.snapshot().node("src").nacked()).isZero();
    }

    @ParameterizedTest
    // A Kafka topic keeps every record for its retention and has no max length (docs/brokers.md, "Apache Kafka").
    @EnumSource(value = Broker.class, mode = EnumSource.Mode.EXCLUDE, names = "KAFKA")
    void pageKeepsEveryMessageBeyondTheLimit(Broker broker) {
        Simulation sim = start(on(broker, full(Overflow.PAGE)));
        sim.runUntil(2);
        NodeStats q = sim.snapshot().node("q");
        assertThat(q.in()).isEqualTo(10);
        assertThat(q.ready()).isEqualTo(10);
        assertThat(q.dropped()).isZero();
        assertThat(sim.snapshot().node("src").confirmed()).isEqualTo(10);
    }

    @Test
    void aPagingQueueDeliversEverythingInOrder() {
        Flow flow = new FlowBuilder()
                .source("src", burstAtOne(10))
                .queue("q", "maxLength", 2, "overflow", Overflow.PAGE)
                .consumer("c", "prefetch", 1, "processingTime", constant(100))
                .wire("src", "q").wire("q", "c").build();
        Simulation sim = start(on(Broker.ARTEMIS, flow));
        sim.runUntil(1.55);
        assertThat(sim.peek("q", 20)).extracting(m -> m.id()).containsExactly(7L, 8L, 9L, 10L);
        sim.runUntil(3);
        assertThat(sim.snapshot().node("c").completed()).isEqualTo(10);
        assertThat(sim.snapshot().node("q").dropped()).isZero();
    }

    /** Five messages at t=1 to a blocking queue of three, read by one consumer taking 1 s each, prefetch 1. */
    private static Flow blocking(Broker broker) {
        return on(broker, new FlowBuilder()
                .source("src", burstAtOne(5, "confirms", true))
                .queue("q", "maxLength", 3, "overflow", Overflow.BLOCK)
                .consumer("c", "prefetch", 1, "processingTime", constant(1000))
                .wire("src", "q").wire("q", "c").build());
    }

    private static long[] inAndHeld(Simulation sim, double t) {
        sim.runUntil(t);
        return new long[] {sim.snapshot().node("q").in(), sim.snapshot().node("src").inFlight()};
    }

    @Test
    void aBlockedSourceHoldsItsMessageInFlightAndResumesWhenAReadyMessageIsDelivered() {
        // Generic: the limit counts ready messages. m1 goes to the consumer at once, m2-m4 fill the
        // queue, m5 waits at the source until m2 is delivered at t=2.
        Simulation sim = start(blocking(Broker.GENERIC));
        assertThat(inAndHeld(sim, 1.5)).containsExactly(4, 1);
        assertThat(sim.snapshot().node("src").up()).isFalse();
        assertThat(inAndHeld(sim, 2.5)).containsExactly(5, 0);
        sim.runUntil(10);
        assertThat(sim.snapshot().node("c").completed()).isEqualTo(5);
        assertThat(sim.snapshot().node("src").confirmed()).isEqualTo(5);
        assertThat(sim.snapshot().node("q").dropped()).isZero();
    }

    @Test
    void theTraceShowsABlockedMessageMadeAtOneTimeAndPublishedAtAnother() {
        Simulation sim = start(blocking(Broker.GENERIC));
        List<String> fifth = new ArrayList<>();
        sim.setMessageEvents(e -> {
            if (e.message() == 5) {
                fifth.add(e.event() + "@" + e.t() + "@" + e.node());
            }
        });
        sim.runUntil(2.5);
        assertThat(fifth).startsWith("blocked@1.0@src", "unblocked@2.0@src", "publish@2.0@src", "enqueue@2.0@q");
    }

    @Test
    void underArtemisABlockedSourceResumesOnlyAsMessagesAreAcknowledged() {
        // Artemis counts the delivered, unacknowledged message too: m4 waits at the source (m5, the
        // rest of its burst, is not made yet), and one more goes in per acknowledgement.
        Simulation sim = start(blocking(Broker.ARTEMIS));
        assertThat(inAndHeld(sim, 1.5)).containsExactly(3, 1);
        assertThat(inAndHeld(sim, 2.5)).containsExactly(4, 1);
        assertThat(inAndHeld(sim, 3.5)).containsExactly(5, 0);
        sim.runUntil(10);
        assertThat(sim.snapshot().node("c").completed()).isEqualTo(5);
        assertThat(sim.snapshot().node("src").confirmed()).isEqualTo(5);
    }

    @Test
    void aSourceBlockedByOneQueueOfAFanoutPublishesToNoneOfThem() {
        Flow flow = new FlowBuilder()
                .source("src", burstAtOne(5))
                .topic("t", "routing", Topic.Routing.FANOUT)
                .queue("full", "maxLength", 2, "overflow", Overflow.BLOCK)
                .queue("open")
                .wire("src", "t").wire("t", "full").wire("t", "open").build();
        Simulation sim = start(flow);
        sim.runUntil(5);
        assertThat(sim.snapshot().node("full").in()).isEqualTo(2);
        assertThat(sim.snapshot().node("open").in()).isEqualTo(2);
        assertThat(sim.snapshot().node("src").inFlight()).isEqualTo(1);
        // The rest of the burst is never made while the source waits.
        assertThat(sim.conservation().produced()).isEqualTo(5);
    }

    @Test
    void aBlockedScriptPublishesItsMessagesInOrderOnceThereIsRoom() {
        List<ScriptedMessage> script = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            script.add(new ScriptedMessage(Duration.ZERO, "m" + i, null, null, Map.of(), null, null));
        }
        script.add(new ScriptedMessage(Duration.ofMillis(500), "m6", null, null, Map.of(), null, null));
        Flow flow = new FlowBuilder()
                .source("src", "script", script)
                .queue("q", "maxLength", 2, "overflow", Overflow.BLOCK)
                .consumer("c", "prefetch", 1, "processingTime", constant(1000))
                .wire("src", "q").wire("q", "c").build();
        Simulation sim = start(on(Broker.ARTEMIS, flow));
        sim.runUntil(0.9);
        assertThat(sim.peek("q", 10)).extracting(m -> m.headers().get("id")).containsExactly("m2");
        assertThat(sim.snapshot().node("src").inFlight()).isEqualTo(1);
        sim.runUntil(1.5);
        assertThat(sim.peek("q", 10)).extracting(m -> m.headers().get("id")).containsExactly("m3");
        sim.runUntil(4.5);
        // m6 was due at 0.5 s while the source waited: it follows m5, once there is room.
        assertThat(sim.peek("q", 10)).extracting(m -> m.headers().get("id")).containsExactly("m6");
        sim.runUntil(10);
        assertThat(sim.snapshot().node("c").completed()).isEqualTo(6);
    }

    @Test
    void aConstantRateSourceBlockedByASlowConsumerPublishesAtTheConsumersPace() {
        Flow flow = new FlowBuilder()
                .source("src", "rate", 10.0)
                .queue("q", "maxLength", 2, "overflow", Overflow.BLOCK)
                .consumer("c", "prefetch", 1, "processingTime", constant(1000))
                .wire("src", "q").wire("q", "c").build();
        Simulation sim = start(on(Broker.ARTEMIS, flow));
        sim.runUntil(20.05);
        NodeStats src = sim.snapshot().node("src");
        // Two fill the queue (under Artemis the one delivered counts) by 0.2 s; the third waits at the
        // source until the first acknowledgement at 1.1 s, and from then one goes in per acknowledgement.
        assertThat(sim.snapshot().node("c").completed()).isEqualTo(19);
        assertThat(sim.snapshot().node("q").in()).isEqualTo(21).isEqualTo(src.out());
        assertThat(src.inFlight()).isEqualTo(1);
        assertThat(sim.snapshot().node("q").dropped()).isZero();
    }

    @Test
    void aSourceWaitingForAQueueThatStopsBlockingCarriesOn() {
        Simulation sim = start(full(Overflow.BLOCK));
        sim.runUntil(2);
        assertThat(sim.snapshot().node("q").in()).isEqualTo(5);
        assertThat(sim.snapshot().node("src").inFlight()).isEqualTo(1);
        assertThat(sim.applyFlow(full(Overflow.PAGE)).applied()).isTrue();
        sim.runUntil(3);
        assertThat(sim.snapshot().node("q").in()).isEqualTo(10);
        assertThat(sim.snapshot().node("src").inFlight()).isZero();
        assertThat(sim.snapshot().node("src").confirmed()).isEqualTo(10);
    }
}
