// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import dev.pipewright.engine.api.Lineage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.model.Consumer;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Port;
import dev.pipewright.model.Processor;
import dev.pipewright.model.Topic;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The same flow and seed give the same run, event for event; another seed gives another run. */
class DeterminismTest extends EngineTest {

    private static Flow busyFlow() {
        return new FlowBuilder()
                .source("src", "rate", 200.0, "routingKeys", List.of("a.x", "b.y"), "duplicateRate", 0.05,
                        "payloadTemplate", "{\"n\": ${random(1,100)}}")
                .topic("t", "routing", Topic.Routing.TOPIC)
                .queue("qa", "deliveryLimit", 3, "messageTtl", ms(800)).queue("qb", "maxLength", 50)
                .dlq("dlq")
                .consumer("ca", "instances", 3, "failureRate", 0.2, "processingTime", exp(12),
                        "crashes", List.of(new Consumer.Crash(s(2), 1, s(1))))
                .consumer("cb", "processingTime", exp(6))
                .processor("f", "variant", Processor.Variant.FILTER, "expression", "$.n > 30")
                .endpoint("ep")
                .wire("src", "t").wire("t", "qa", "a.*").wire("t", "qb", "#.y")
                .wire("qa", "ca").wire("qb", "cb").wire("qa", Port.DEAD_LETTER, "dlq")
                .wire("ca", "f").wire("f", "ep").build();
    }

    private String traceHash(long seed) throws NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        Simulation sim = start(busyFlow(), seed);
        sim.setTraceListener((time, seq, kind, node, id) ->
                digest.update((time + "|" + seq + "|" + kind + "|" + node + "|" + id + "\n").getBytes()));
        sim.runUntil(10);
        assertThat(sim.eventCount()).isGreaterThan(4000);
        digest.update(sim.snapshot().conservation().toString().getBytes());
        return HexFormat.of().formatHex(digest.digest());
    }

    @Test
    void sameSeedGivesTheSameTrace() throws NoSuchAlgorithmException {
        assertThat(traceHash(7)).isEqualTo(traceHash(7));
    }

    @Test
    void anotherSeedGivesAnotherTrace() throws NoSuchAlgorithmException {
        assertThat(traceHash(7)).isNotEqualTo(traceHash(8));
    }

    @Test
    void stepProcessesExactlyOneEventAndRunUntilMovesTheClock() {
        Simulation sim = start(busyFlow(), 1);
        assertThat(sim.step()).isTrue();
        assertThat(sim.eventCount()).isEqualTo(1);
        sim.runUntil(2.5);
        assertThat(sim.now()).isEqualTo(2.5);
        sim.runFor(0.5);
        assertThat(sim.now()).isEqualTo(3.0);
    }

    @Test
    void stepReturnsFalseWhenNothingIsPending() {
        Simulation sim = start(new FlowBuilder().queue("q").build(), 1);
        assertThat(sim.step()).isFalse();
    }

    @Test
    void sampledMessagesHaveALineage() {
        Simulation sim = start(busyFlow(), 3);
        sim.runUntil(20); // 200 msg/s: past the messages that are all traced
        assertThat(sim.snapshot().node("src").out()).isGreaterThan(Lineage.ALL_UP_TO + 2L * Lineage.SAMPLE_EVERY);
        long sampled = (Lineage.ALL_UP_TO / Lineage.SAMPLE_EVERY + 1) * Lineage.SAMPLE_EVERY;
        Lineage lineage = sim.lineage(sampled).orElseThrow();
        assertThat(lineage.hops().getFirst().event()).isEqualTo("published");
        assertThat(sim.lineage(sampled + 1)).as("not sampled").isEmpty();
        assertThat(sim.lineage(Lineage.ALL_UP_TO)).as("one of the first messages").isPresent();
    }
}
