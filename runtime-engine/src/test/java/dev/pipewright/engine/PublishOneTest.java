// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipewright.engine.api.Fault;
import dev.pipewright.engine.api.Hop;
import dev.pipewright.engine.api.Lineage;
import dev.pipewright.engine.api.RunBackend;
import dev.pipewright.engine.api.RunBackends;
import dev.pipewright.engine.api.RunLimits;
import dev.pipewright.model.Flow;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Publishing one message by hand, so a learner can follow it hop by hop. */
class PublishOneTest extends EngineTest {
    /** A source that publishes nothing by itself, a queue and one worker that needs 10 ms. */
    private static Flow quiet() {
        return new FlowBuilder()
                .source("src", "rate", 0.0)
                .queue("q")
                .consumer("c", "processingTime", constant(10))
                .wire("src", "q").wire("q", "c").build();
    }

    @Test
    void publishesExactlyOneTracedMessageThatCanBeFollowedHopByHop() {
        Simulation sim = start(quiet());
        sim.runFor(1);
        SimulatorBackend.inject(sim, new Fault.PublishOne("src"));
        sim.runFor(1);

        assertThat(sim.snapshot().node("src").out()).isEqualTo(1);
        assertThat(sim.snapshot().node("c").completed()).isEqualTo(1);
        Lineage lineage = sim.publishedByHand("src").orElseThrow();
        List<Hop> hops = lineage.hops();
        assertThat(hops.getFirst()).extracting(Hop::nodeId, Hop::event, Hop::detail).containsExactly("src", "published", "by hand");
        assertThat(hops.getFirst().time()).isEqualTo(1.0);
        assertThat(hops.getLast()).extracting(Hop::nodeId, Hop::event).containsExactly("c", "completed");
        assertThat(hops.getLast().time()).isEqualTo(1.01, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(hops.stream().map(Hop::nodeId).distinct()).containsExactly("src", "q", "c");
        assertThat(sim.conservation().holds()).isTrue();
    }

    @Test
    void aHandPublishedMessageDoesNotCountAgainstTheMessageLimit() {
        Flow limited = quiet().replaceNode(quiet().node("src").orElseThrow().with("rate", 10.0).with("messageLimit", 3L));
        Simulation sim = start(limited);
        SimulatorBackend.inject(sim, new Fault.PublishOne("src"));
        sim.runFor(5);

        assertThat(sim.snapshot().node("src").out()).isEqualTo(4);
    }

    @Test
    void eachPublishFollowsTheNewestMessageAndANonSourceIsRefused() {
        Simulation sim = start(quiet());
        assertThat(sim.publishedByHand("src")).isEmpty();
        long first = sim.publishOne("src");
        long second = sim.publishOne("src");

        assertThat(second).isGreaterThan(first);
        assertThat(Lineage.sampled(first)).isTrue();
        assertThat(Lineage.sampled(second)).isTrue();
        assertThat(sim.publishedByHand("src")).map(Lineage::messageId).contains(second);
        assertThatThrownBy(() -> SimulatorBackend.inject(sim, new Fault.PublishOne("q")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a source");
    }

    @Test
    void theBackendPublishesOneAndGivesItsLineage() throws Exception {
        try (RunBackend backend = RunBackends.standard()) {
            backend.start(quiet(), 1, RunLimits.DEFAULTS);
            backend.inject(new Fault.PublishOne("src")).get(20, TimeUnit.SECONDS);
            backend.settled().get(20, TimeUnit.SECONDS);

            Optional<Lineage> lineage = backend.publishedByHand("src").get(20, TimeUnit.SECONDS);
            assertThat(lineage).isPresent();
            assertThat(lineage.get().hops().getFirst().detail()).isEqualTo("by hand");
            assertThat(backend.latest().node("src").out()).isEqualTo(1);
            assertThatThrownBy(() -> backend.publishedByHand("c").get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasMessageContaining("is not a source");
        }
    }
}
