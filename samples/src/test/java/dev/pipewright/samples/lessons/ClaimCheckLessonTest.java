// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.samples.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.api.MessageView;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Port;
import dev.pipewright.model.Processor;
import dev.pipewright.model.Source;
import dev.pipewright.model.check.FlowChecks;
import dev.pipewright.model.check.Lint;
import dev.pipewright.model.check.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The claims of the claim check lesson, on its sample. */
class ClaimCheckLessonTest {
    private static final String ID = "claim-check";
    private final Flow flow = Lessons.sample(ID);
    private final Source scanner = Lessons.node(flow, "scanner", Source.class);

    @Test
    void theLessonFitsItsFlow() {
        Lessons.assertLessonFitsItsFlow(ID);
    }

    @Test
    void theFlowIsAsTheTextSays() {
        assertThat(scanner.payloadSize()).isEqualTo(5 * 1024 * 1024);
        assertThat(scanner.rate()).isEqualTo(5);
        assertThat(Lessons.node(flow, "check-in", Processor.class).variant()).isEqualTo(Processor.Variant.CLAIM_CHECK_IN);
        assertThat(Lessons.node(flow, "check-out", Processor.class).variant()).isEqualTo(Processor.Variant.CLAIM_CHECK_OUT);
        assertThat(Lint.CLAIM_CHECK_BYTES).isEqualTo(256 * 1024);
    }

    @Test
    void theQueueCarriesSixtyFourByteReferencesAndEveryDocumentReachesTheArchive() {
        Simulation sim = Simulation.create(flow, 42);
        int seen = 0;
        for (double t = 1; t <= 60; t += 0.05) {
            sim.runUntil(t);
            for (MessageView m : sim.peek("documents", 100)) {
                seen++;
                assertThat(m.size()).isEqualTo(64);
                assertThat(m.payload()).matches("\\{\"claimCheck\":\\d+}");
            }
        }
        assertThat(seen).isPositive();
        Snapshot s = sim.snapshot();
        assertThat(s.node("archive").out()).isBetween(s.node("scanner").out() - 3, s.node("scanner").out());
        assertThat(sim.conservation().dropped()).isZero();
    }

    @Test
    void inABurstTheQueueHoldsKilobytesWhereTheDocumentsWouldBeHundredsOfMegabytes() {
        Simulation sim = Simulation.create(flow, 42);
        sim.runUntil(10);
        sim.flood(scanner.id(), 4, 10);
        sim.runUntil(20);
        List<MessageView> waiting = sim.peek("documents", 1000);
        long bytes = waiting.stream().mapToLong(MessageView::size).sum();
        assertThat(waiting.size()).isBetween(30, 60);
        assertThat(bytes).isLessThan(4 * 1024);
        assertThat((long) waiting.size() * scanner.payloadSize()).isGreaterThan(200L * 1024 * 1024);
    }

    @Test
    void withoutTheClaimCheckTheProblemsListWarnsAboutTheLargePayloads() {
        assertThat(FlowChecks.all(flow)).noneMatch(f -> f.severity() == Severity.WARNING);
        Flow direct = flow.withoutNodes(List.of("check-in"))
                .withEdge(new Edge("e5", scanner.id(), Port.OUT, "documents", null, Map.of()));
        assertThat(FlowChecks.all(direct)).anyMatch(f -> f.severity() == Severity.WARNING
                && scanner.id().equals(f.nodeId()) && f.message().contains("5 MiB") && f.fix().contains("claim-check-in"));
    }

    @Test
    void fetchingTheDocumentIsTheSlowStep() {
        Simulation sim = Simulation.create(flow, 42);
        sim.runUntil(60);
        Snapshot s = sim.snapshot();
        assertThat(s.node("check-out").timeInNode().meanMs()).isGreaterThan(3 * s.node("check-in").timeInNode().meanMs());
        assertThat(s.node("check-out").timeInNode().meanMs()).isGreaterThan(3 * s.node("archive").timeInNode().meanMs());
    }
}
