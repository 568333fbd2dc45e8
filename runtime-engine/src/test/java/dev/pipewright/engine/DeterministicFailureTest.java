// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Port;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A consumer's failFirstAttempts and failWhen: failures a scenario can count on. */
class DeterministicFailureTest extends EngineTest {

    /** A source that publishes one burst of {@code n} messages at t=1, with more properties. */

    @Test
    void aMessageSucceedsOnItsThirdAttempt() {
        Flow flow = new FlowBuilder()
                .source("src", burstAtOne(4))
                .queue("q")
                .dlq("dlq")
                .consumer("c", "failFirstAttempts", 2, "processingTime", constant(10))
                .wire("src", "q").wire("q", "c").wire("q", Port.DEAD_LETTER, "dlq").build();
        Simulation sim = start(flow);
        sim.runUntil(10);

        Snapshot snap = sim.snapshot();
        assertThat(snap.node("c").failed()).isEqualTo(8);
        assertThat(snap.node("q").redelivered()).isEqualTo(8);
        assertThat(snap.node("q").ready() + snap.node("q").unacked()).isZero();
        assertThat(snap.node("dlq").ready()).isZero();
    }

    @Test
    void messagesWithAHeaderAlwaysFail() {
        Flow flow = new FlowBuilder()
                .source("src", burstAtOne(3, "headers", Map.of("kind", "poison")))
                .queue("q")
                .dlq("dlq")
                .consumer("c", "failWhen", "header:kind=poison", "onFailure", Consumer.FailureAction.DEAD_LETTER,
                        "processingTime", constant(10))
                .wire("src", "q").wire("q", "c").wire("q", Port.DEAD_LETTER, "dlq").build();
        Simulation sim = start(flow);
        sim.runUntil(10);

        assertThat(sim.snapshot().node("c").failed()).isEqualTo(3);
        assertThat(sim.snapshot().node("dlq").ready()).isEqualTo(3);
    }

    @Test
    void aPayloadConditionFailsOnlyTheMessagesItMatches() {
        Flow flow = new FlowBuilder()
                .source("src", burstAtOne(4, "payloadTemplate", "{\"n\": ${seq}}"))
                .queue("q")
                .dlq("dlq")
                .consumer("c", "failWhen", "$.n > 2", "onFailure", Consumer.FailureAction.DEAD_LETTER,
                        "processingTime", constant(10))
                .wire("src", "q").wire("q", "c").wire("q", Port.DEAD_LETTER, "dlq").build();
        Simulation sim = start(flow);
        sim.runUntil(10);

        assertThat(sim.snapshot().node("c").failed()).isEqualTo(2);
        assertThat(sim.snapshot().node("dlq").ready()).isEqualTo(2);
    }

    @Test
    void checkNamesAFailWhenItCannotRead() {
        Flow flow = new FlowBuilder()
                .source("src").queue("q").consumer("c", "failWhen", "header:=x")
                .wire("src", "q").wire("q", "c").build();
        assertThat(RunChecks.engine(flow)).singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("property 'failWhen': "));
    }

    @Test
    void theRabbitMqRetryPatternSucceedsOnTheThirdAttemptAfterTwoTtlWaits() {
        // work -> c (fails twice, dead-letters) -> retry (TTL 5 s, nobody reads it) -> expires back to work.
        Flow flow = new FlowBuilder()
                .source("src", burstAtOne(1))
                .queue("work")
                .queue("retry", "messageTtl", java.time.Duration.ofSeconds(5))
                .consumer("c", "failFirstAttempts", 2, "onFailure", Consumer.FailureAction.DEAD_LETTER,
                        "processingTime", constant(10))
                .wire("src", "work").wire("work", "c").wire("work", Port.DEAD_LETTER, "retry")
                .wire("retry", Port.DEAD_LETTER, "work").build();
        assertThat(RunChecks.problems(flow)).isEmpty();
        Simulation sim = start(flow);

        // Published at 1; attempt 1 fails at 1.01; back in work at 6.01; attempt 2 fails at 6.02; back at 11.02.
        sim.runUntil(11.0);
        assertThat(sim.snapshot().node("c").failed()).isEqualTo(2);
        assertThat(sim.snapshot().node("retry").ready()).isEqualTo(1);
        sim.runUntil(11.025);
        // Attempt 3 succeeds at 11.03.
        Snapshot snap = sim.snapshot();
        assertThat(snap.node("c").failed()).isEqualTo(2);
        assertThat(snap.node("retry").ready() + snap.node("work").ready()).isZero();
        assertThat(snap.node("work").unacked()).isEqualTo(1);
        sim.runUntil(11.035);
        snap = sim.snapshot();
        assertThat(snap.node("work").unacked()).isZero();
        assertThat(snap.node("c").failed()).isEqualTo(2);
    }
}
