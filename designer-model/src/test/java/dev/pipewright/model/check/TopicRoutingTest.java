// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.model.Edge;
import dev.pipewright.model.Port;
import dev.pipewright.model.Topic;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

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

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void manyHashWordsDoNotBacktrack() {
        // 22 '#' against 26 words that never end in the pattern's last word: a backtracking matcher tries
        // every way to share the words among the '#' (about 10^13) before it gives up.
        String pattern = "#.".repeat(22) + "z";
        String key = "a.".repeat(25) + "a";

        assertThat(TopicRouting.matchesPattern(pattern, key)).isFalse();
        assertThat(TopicRouting.matchesPattern(pattern, key + ".z")).isTrue();
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void longPatternsAndKeysNeitherOverflowTheStackNorRunOutOfMemory() {
        // Far beyond the 255-byte key limit, so the matcher itself is safe for whatever it is given.
        String pattern = "*.".repeat(20_000) + "#";
        String key = "w.".repeat(19_998) + "w";

        assertThat(TopicRouting.matchesPattern(pattern, key)).isFalse();
        assertThat(TopicRouting.matchesPattern(pattern, key + ".x")).isTrue();
        assertThat(TopicRouting.matchesPattern("a." + "#.".repeat(3_000) + "b", "a." + "x.".repeat(3_000) + "b")).isTrue();
        // A table of pattern words times key words would need 10^10 cells here.
        assertThat(TopicRouting.matchesPattern("x.".repeat(99_999) + "x", "y.".repeat(99_999) + "y")).isFalse();
    }

    @Property(tries = 2000)
    void agreesWithTheDefinitionOnSmallKeys(@ForAll("patterns") String pattern, @ForAll("keys") String key) {
        assertThat(TopicRouting.matchesPattern(pattern, key)).isEqualTo(byDefinition(pattern, key));
    }

    @Provide
    Arbitrary<String> patterns() {
        return Arbitraries.of("a", "b", "*", "#", "").list().ofMaxSize(6).map(words -> String.join(".", words));
    }

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.of("a", "b", "").list().ofMaxSize(6).map(words -> String.join(".", words));
    }

    /** RabbitMQ's rule written out plainly (exponential, so only for small inputs). */
    private static boolean byDefinition(String pattern, String key) {
        String[] p = pattern.isEmpty() ? new String[0] : pattern.split("\\.", -1);
        String[] k = key.isEmpty() ? new String[0] : key.split("\\.", -1);
        return byDefinition(p, 0, k, 0);
    }

    private static boolean byDefinition(String[] p, int i, String[] k, int j) {
        if (i == p.length) {
            return j == k.length;
        }
        if (p[i].equals("#")) {
            for (int skip = j; skip <= k.length; skip++) {
                if (byDefinition(p, i + 1, k, skip)) {
                    return true;
                }
            }
            return false;
        }
        return j < k.length && (p[i].equals("*") || p[i].equals(k[j])) && byDefinition(p, i + 1, k, j + 1);
    }
}
