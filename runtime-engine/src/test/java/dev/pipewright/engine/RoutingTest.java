// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import dev.pipewright.engine.api.Snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.entity.TopicPattern;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Source;
import dev.pipewright.model.Topic;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Topic routing: fanout, direct, topic patterns, headers, unroutable messages, shared subscriptions. */
class RoutingTest extends EngineTest {

    private static Object[] keys(String... keys) {
        return new Object[] {"rate", 10.0, "arrival", Source.Arrival.CONSTANT, "messageLimit", (long) keys.length,
                "routingKeys", List.of(keys)};
    }

    @Test
    void fanoutCopiesEveryMessageToEveryBinding() {
        Flow flow = new FlowBuilder()
                .source("src", keys("a", "b", "c", "d"))
                .topic("t", "routing", Topic.Routing.FANOUT)
                .queue("q1").queue("q2").queue("q3")
                .wire("src", "t").wire("t", "q1").wire("t", "q2").wire("t", "q3").build();
        Simulation sim = start(flow);
        sim.runUntil(5);
        Snapshot snap = sim.snapshot();
        assertThat(snap.node("q1").ready()).isEqualTo(4);
        assertThat(snap.node("q2").ready()).isEqualTo(4);
        assertThat(snap.node("q3").ready()).isEqualTo(4);
        assertThat(snap.conservation().produced()).isEqualTo(12);
        assertThat(snap.edge("t:q2").crossed()).isEqualTo(4);
    }

    @Test
    void directRoutesByExactKey() {
        Flow flow = new FlowBuilder()
                .source("src", keys("red", "green", "red", "blue"))
                .topic("t", "routing", Topic.Routing.DIRECT)
                .queue("reds").queue("greens")
                .wire("src", "t").wire("t", "reds", "red").wire("t", "greens", "green").build();
        Simulation sim = start(flow);
        sim.runUntil(5);
        assertThat(sim.snapshot().node("reds").ready()).isEqualTo(2);
        assertThat(sim.snapshot().node("greens").ready()).isEqualTo(1);
        assertThat(sim.snapshot().node("t").dropped()).isEqualTo(1);
        assertThat(sim.conservation().dropped()).isEqualTo(1);
    }

    @Test
    void topicPatternRoutesByWildcards() {
        Flow flow = new FlowBuilder()
                .source("src", keys("order.eu.created", "order.us.created", "order.eu.paid", "order", "invoice.eu"))
                .topic("t", "routing", Topic.Routing.TOPIC)
                .queue("created").queue("eu").queue("all-orders")
                .wire("src", "t").wire("t", "created", "order.*.created").wire("t", "eu", "*.eu.#")
                .wire("t", "all-orders", "order.#").build();
        Simulation sim = start(flow);
        sim.runUntil(5);
        Snapshot snap = sim.snapshot();
        assertThat(snap.node("created").ready()).isEqualTo(2);
        assertThat(snap.node("eu").ready()).isEqualTo(3);
        assertThat(snap.node("all-orders").ready()).isEqualTo(4);
    }

    @Test
    void topicPatternMatchesLikeRabbitMq() {
        assertThat(TopicPattern.matches("a.*.c", "a.b.c")).isTrue();
        assertThat(TopicPattern.matches("a.*.c", "a.c")).isFalse();
        assertThat(TopicPattern.matches("a.#", "a")).isTrue();
        assertThat(TopicPattern.matches("a.#", "a.b.c")).isTrue();
        assertThat(TopicPattern.matches("#.c", "c")).isTrue();
        assertThat(TopicPattern.matches("#", "")).isTrue();
        assertThat(TopicPattern.matches("*", "a.b")).isFalse();
        assertThat(TopicPattern.matches("a.#.d", "a.b.c.d")).isTrue();
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void topicPatternStaysFastWithManyHashWordsAndLongKeys() {
        assertThat(TopicPattern.matches("#.".repeat(22) + "z", "a.".repeat(25) + "a")).isFalse();
        assertThat(TopicPattern.matches("*.".repeat(19_999) + "*", "w.".repeat(19_999) + "w")).isTrue();
    }

    @Test
    void headersRoutingMatchesAllOrAny() {
        Flow flow = new FlowBuilder()
                .source("src", "rate", 10.0, "arrival", Source.Arrival.CONSTANT, "messageLimit", 3L,
                        "headers", Map.of("region", "eu", "type", "order"))
                .topic("t", "routing", Topic.Routing.HEADERS)
                .queue("all-match").queue("any-match").queue("no-match")
                .wireHeaders("src", "t", Map.of())
                .wireHeaders("t", "all-match", Map.of("x-match", "all", "region", "eu", "type", "order"))
                .wireHeaders("t", "any-match", Map.of("x-match", "any", "region", "us", "type", "order"))
                .wireHeaders("t", "no-match", Map.of("x-match", "all", "region", "eu", "type", "invoice"))
                .build();
        Simulation sim = start(flow);
        sim.runUntil(5);
        assertThat(sim.snapshot().node("all-match").ready()).isEqualTo(3);
        assertThat(sim.snapshot().node("any-match").ready()).isEqualTo(3);
        assertThat(sim.snapshot().node("no-match").ready()).isZero();
    }

    @Test
    void sharedSubscriptionSplitsCopiesBetweenItsConsumers() {
        Flow flow = new FlowBuilder()
                .source("src", "rate", 100.0, "arrival", Source.Arrival.CONSTANT, "messageLimit", 1000L)
                .topic("t")
                .queue("shared").queue("audit")
                .consumer("worker-a", "prefetch", 1, "processingTime", constant(5))
                .consumer("worker-b", "prefetch", 1, "processingTime", constant(5))
                .consumer("auditor", "processingTime", constant(1))
                .wire("src", "t").wire("t", "shared").wire("t", "audit")
                .wire("shared", "worker-a").wire("shared", "worker-b").wire("audit", "auditor").build();
        Simulation sim = start(flow);
        sim.runUntil(20);
        Snapshot snap = sim.snapshot();
        assertThat(snap.node("worker-a").completed() + snap.node("worker-b").completed()).isEqualTo(1000);
        assertThat(snap.node("worker-a").completed()).isBetween(400L, 600L);
        assertThat(snap.node("auditor").completed()).isEqualTo(1000);
        assertThat(snap.conservation().produced()).isEqualTo(2000);
    }
}
