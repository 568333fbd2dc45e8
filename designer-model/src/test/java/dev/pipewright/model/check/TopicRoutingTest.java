// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.model.Edge;
import dev.pipewright.model.Port;
import dev.pipewright.model.Topic;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicRoutingTest {

    @Test
    void starMatchesExactlyOneWord() {
        assertThat(TopicRouting.matchesPattern("order.*", "order.created")).isTrue();
        assertThat(TopicRouting.matchesPattern("order.*", "order")).isFalse();
        assertThat(TopicRouting.matchesPattern("order.*", "order.eu.created")).isFalse();
    }

    @Test
    void hashMatchesZeroOrMoreWords() {
        assertThat(TopicRouting.matchesPattern("order.#", "order")).isTrue();
        assertThat(TopicRouting.matchesPattern("order.#", "order.eu.created")).isTrue();
        assertThat(TopicRouting.matchesPattern("#", "")).isTrue();
        assertThat(TopicRouting.matchesPattern("#.created", "order.eu.created")).isTrue();
        assertThat(TopicRouting.matchesPattern("*.eu.#", "invoice.eu")).isTrue();
        assertThat(TopicRouting.matchesPattern("*.eu.#", "order.us.created")).isFalse();
    }

    @Test
    void headersMatchAllOrAny() {
        Edge all = new Edge("e1", "t", Port.OUT, "q", null, Map.of("x-match", "all", "region", "eu", "tier", "gold"));
        Edge any = new Edge("e2", "t", Port.OUT, "q", null, Map.of("x-match", "any", "region", "eu", "tier", "gold"));
        Map<String, String> euSilver = Map.of("region", "eu", "tier", "silver");

        assertThat(TopicRouting.accepts(Topic.Routing.HEADERS, all, null, euSilver)).isFalse();
        assertThat(TopicRouting.accepts(Topic.Routing.HEADERS, any, null, euSilver)).isTrue();
    }

    @Test
    void fanoutIgnoresKeysAndDirectComparesThem() {
        Edge keyed = new Edge("e1", "t", Port.OUT, "q", "a", Map.of());

        assertThat(TopicRouting.accepts(Topic.Routing.FANOUT, keyed, "zzz", Map.of())).isTrue();
        assertThat(TopicRouting.accepts(Topic.Routing.DIRECT, keyed, "a", Map.of())).isTrue();
        assertThat(TopicRouting.accepts(Topic.Routing.DIRECT, keyed, "a.b", Map.of())).isFalse();
    }
}
