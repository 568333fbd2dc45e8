// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Queue;
import dev.pipewright.model.ScriptedMessage;
import dev.pipewright.model.Source;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Severity;
import io.nats.client.impl.Headers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Which of a message's headers a live run on NATS sends, and the caps a stranger's flow file meets. */
class NatsHeadersTest {
    private static Map<String, String> carried(String name, String value) {
        Map<String, String> one = new TreeMap<>();
        one.put(name, value);
        return NatsHeaders.carried(one);
    }

    @Test
    void plainHeadersAndTheMessagesOwnNatsMsgIdGoWithIt() {
        Map<String, String> h = new TreeMap<>(Map.of("kind", "corrupt", "Nats-Msg-Id", "pay-5", "id", "pay-5-retry",
                "tabbed", "a\tb", "empty", ""));
        assertThat(NatsHeaders.carried(h)).containsExactly(Map.entry("Nats-Msg-Id", "pay-5"), Map.entry("empty", ""),
                Map.entry("id", "pay-5-retry"), Map.entry("kind", "corrupt"), Map.entry("tabbed", "a\tb"));
    }

    @Test
    void namesNatsCannotCarryAreLeftOut() {
        for (String name : List.of("", "two words", "a:b", "bell\u0007", "caf\u00e9", "tab\tbed", "x".repeat(129))) {
            assertThat(carried(name, "v")).as("name '%s'", name).isEmpty();
            assertThat(NatsHeaders.leftOut(name, "v")).as("name '%s'", name).isNotNull();
        }
        assertThat(carried("x".repeat(128), "v")).hasSize(1);
    }

    @Test
    void valuesWithControlCharactersOrBeyondAsciiAreLeftOutNotEscaped() {
        // CR LF would end the header block and smuggle a header of the sender's choosing in.
        for (String value : List.of("a\r\nNats-Rollup: all", "line\nbreak", "nul\u0000", "del\u007f", "caf\u00e9",
                "\ud83d\ude00", "x".repeat(1025))) {
            assertThat(carried("h", value)).as("value '%s'", value).isEmpty();
        }
        assertThat(carried("h", "x".repeat(1024))).hasSize(1);
        assertThat(carried("h", "printable ~!@#$%^&*()_+{}|:\"<>?")).hasSize(1);
        assertThat(carried("h", null)).isEmpty();
    }

    @Test
    void theRunsOwnHeadersAndServerInstructionsAreNotTakenFromTheMessage() {
        for (String name : List.of("pw-id", "PW-T0", "pw-death-reason", "Nats-Rollup", "Nats-Expected-Stream",
                "nats-msg-id", "NATS-MSG-ID", "Nats-TTL")) {
            assertThat(carried(name, "sub")).as(name).isEmpty();
        }
        assertThat(carried("Nats-Msg-Id", "")).as("an empty message id is none").isEmpty();
        assertThat(carried("pwid", "kept")).hasSize(1);
    }

    @Test
    void theRunsHeadersWinAndTheMessagesIdIsItsNatsMsgIdElseTheRuns() {
        Headers scripted = NatsHeaders.of(NatsHeaders.carried(new TreeMap<>(Map.of("Nats-Msg-Id", "pay-5",
                "kind", "corrupt"))), "run-checkout-6-payments", "checkout-6", 42);
        assertThat(scripted.getFirst("Nats-Msg-Id")).isEqualTo("pay-5");
        assertThat(scripted.get("Nats-Msg-Id")).hasSize(1);
        assertThat(scripted.getFirst("kind")).isEqualTo("corrupt");
        assertThat(scripted.getFirst(NatsLiveRun.ID_HEADER)).isEqualTo("checkout-6");
        assertThat(scripted.getFirst(NatsLiveRun.T0_HEADER)).isEqualTo("42");

        Headers plain = NatsHeaders.of(NatsHeaders.carried(Map.of()), "run-src-1-q", "src-1", 7);
        assertThat(plain.getFirst("Nats-Msg-Id")).isEqualTo("run-src-1-q");
        assertThat(plain.keySet()).containsExactlyInAnyOrder("Nats-Msg-Id", NatsLiveRun.ID_HEADER, NatsLiveRun.T0_HEADER);

        // A message trying to set the run's id is left out, so the ledger counts it by the run's id.
        Headers forged = NatsHeaders.of(NatsHeaders.carried(new TreeMap<>(Map.of("pw-id", "other-1"))), "r", "src-2", 1);
        assertThat(forged.get(NatsLiveRun.ID_HEADER)).containsExactly("src-2");
    }

    @Test
    void aStrangersTenThousandHeadersAreCappedByCountAndBytesKeepingTheMessageId() {
        Map<String, String> many = new TreeMap<>();
        for (int i = 0; i < 10_000; i++) {
            many.put(String.format("A%05d", i), "v");
        }
        many.put("Nats-Msg-Id", "m-1"); // after all the others by name: kept first all the same
        Map<String, String> capped = NatsHeaders.carried(many);
        assertThat(capped).hasSize(NatsHeaders.MAX_HEADERS);
        assertThat(capped.keySet().iterator().next()).isEqualTo("Nats-Msg-Id");
        assertThat(capped).containsKeys("A00000", "A00030").doesNotContainKey("A00031");

        // By bytes: 11 + 3 for the id, then each 6 + 1,000; 8 of those fit in 8 KiB, a 9th would not.
        Map<String, String> big = new TreeMap<>();
        for (int i = 0; i < 10_000; i++) {
            big.put(String.format("B%05d", i), "x".repeat(1000));
        }
        big.put("Nats-Msg-Id", "m-1");
        big.put("zz", "small"); // after the big ones: still fits in what they left
        Map<String, String> byBytes = NatsHeaders.carried(big);
        assertThat(byBytes).hasSize(1 + 8 + 1).containsKeys("Nats-Msg-Id", "B00007", "zz").doesNotContainKey("B00008");
        int bytes = byBytes.entrySet().stream().mapToInt(e -> e.getKey().length() + e.getValue().length()).sum();
        assertThat(bytes).isLessThanOrEqualTo(NatsHeaders.MAX_BYTES);
        // jnats takes every header that is carried.
        assertThat(NatsHeaders.of(byBytes, "r", "s-1", 1).size()).isEqualTo(byBytes.size() + 2);
    }

    /** A source "src" with {@code headers} and {@code script} to queue "q" read by consumer "w". */
    private static Flow flow(Map<String, String> headers, List<ScriptedMessage> script) {
        return new Flow(new FlowInfo("headers", "", Broker.NATS), List.of(
                Source.of("src", "src", Position.ORIGIN).with("headers", headers).with("script", script),
                Queue.of("q", "q", Position.ORIGIN), Consumer.of("w", "w", Position.ORIGIN)),
                List.of(Edge.of("e0", "src", Port.OUT, "q"), Edge.of("e1", "q", Port.OUT, "w")));
    }

    private static List<String> warnings(Flow flow) {
        return NatsLiveRun.check(flow).stream().filter(f -> f.severity() == Severity.WARNING).map(Finding::message)
                .filter(m -> m.contains("left out")).toList();
    }

    @Test
    void theCheckWarnsOnceASourceWhenAHeaderIsLeftOut() {
        ScriptedMessage plain = new ScriptedMessage(Duration.ZERO, "m1", null, null, Map.of("kind", "ok",
                "Nats-Msg-Id", "m1"), null, null);
        assertThat(warnings(flow(Map.of("region", "eu"), List.of(plain)))).isEmpty();

        ScriptedMessage injected = new ScriptedMessage(Duration.ofSeconds(1), "m2", null, null,
                Map.of("kind", "a\r\nNats-Rollup: all"), null, null);
        assertThat(warnings(flow(Map.of(), List.of(plain, injected)))).singleElement().asString()
                .contains("source 'src'", "header 'kind'", "control character", "left out in a live run on NATS");
        assertThat(warnings(flow(Map.of("Nats-Rollup", "all", "pw-id", "x"), List.of())))
                .singleElement().asString().contains("header 'Nats-Rollup'");

        Map<String, String> many = new TreeMap<>();
        for (int i = 0; i < 40; i++) {
            many.put("h" + i, "v");
        }
        assertThat(warnings(flow(many, List.of()))).singleElement().asString()
                .contains("more than " + NatsHeaders.MAX_HEADERS + " headers");
    }
}
