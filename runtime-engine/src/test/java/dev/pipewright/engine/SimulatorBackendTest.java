// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipewright.engine.api.ApplyResult;
import dev.pipewright.engine.api.Capability;
import dev.pipewright.engine.api.Fault;
import dev.pipewright.engine.api.FlowNotRunnableException;
import dev.pipewright.engine.api.MessageView;
import dev.pipewright.engine.api.RunBackend;
import dev.pipewright.engine.api.RunBackends;
import dev.pipewright.engine.api.RunLimits;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Source;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Severity;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The simulator behind the run backend interface: found by name, driven only through the interface. */
class SimulatorBackendTest extends EngineTest {
    private static Flow flow() {
        return flow(50);
    }

    private static Flow flow(double rate) {
        return new FlowBuilder()
                .source("src", "rate", rate, "arrival", Source.Arrival.CONSTANT)
                .queue("q")
                .consumer("c", "instances", 2, "processingTime", constant(10))
                .wire("src", "q").wire("q", "c").build();
    }

    /** Asks for a snapshot after everything queued before, so the test reads the state they left. */
    private static Snapshot settled(RunBackend backend) throws Exception {
        backend.settled().get(20, TimeUnit.SECONDS);
        return backend.latest();
    }

    @Test
    void theStandardBackendIsTheSimulatorAndCanDoEverything() {
        try (RunBackend backend = RunBackends.standard()) {
            assertThat(backend).isInstanceOf(SimulatorBackend.class);
            assertThat(backend.name()).isEqualTo(RunBackends.SIMULATOR);
            assertThat(backend.capabilities()).containsExactlyInAnyOrder(Capability.values());
            assertThat(backend.latest()).isNull();
            assertThatThrownBy(backend::play).isInstanceOf(IllegalStateException.class);
        }
        assertThat(RunBackends.all()).extracting(RunBackend::name).contains(RunBackends.SIMULATOR);
    }

    @Test
    void checkFindsWhatStartWouldRefuseWithoutStartingARun() {
        // A model error (a consumer fed by nothing) and one only the engine finds (a template it cannot compile).
        Flow broken = new FlowBuilder().source("src", "payloadTemplate", "{\"tier\": ${oneOf(gold,silver)}}")
                .queue("q").consumer("c").wire("src", "q").build();
        try (RunBackend backend = RunBackends.standard()) {
            List<Finding> findings = backend.check(broken);
            assertThat(findings.stream().filter(f -> f.severity() == Severity.ERROR)).hasSizeGreaterThanOrEqualTo(2);
            assertThat(findings).isEqualTo(RunChecks.all(broken));
            assertThat(backend.latest()).isNull();
            assertThatThrownBy(() -> backend.start(broken, 1, RunLimits.DEFAULTS))
                    .isInstanceOf(FlowNotRunnableException.class)
                    .satisfies(e -> assertThat(((FlowNotRunnableException) e).problems())
                            .isEqualTo(FlowNotRunnableException.problemsOf(findings)));
            assertThat(backend.check(flow())).noneMatch(f -> f.severity() == Severity.ERROR);
        }
    }

    @Test
    void aRunDrivenThroughTheInterfaceStepsRunsTakesFaultsAndStartsOver() throws Exception {
        try (RunBackend backend = RunBackends.standard()) {
            backend.start(flow(), 7, RunLimits.DEFAULTS);
            assertThat(backend.latest().events()).isZero();
            backend.step();
            assertThat(settled(backend).events()).isEqualTo(1);

            backend.inject(new Fault.CrashInstance("c", 0)).get(20, TimeUnit.SECONDS);
            backend.inject(new Fault.PauseConsumer("c")).get(20, TimeUnit.SECONDS);
            Snapshot faulted = backend.latest();
            assertThat(faulted.node("c").crashed()).isEqualTo(1);

            backend.setAsFastAsPossible();
            backend.runUntil(10);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (backend.latest().time() < 10 && System.nanoTime() < end) {
                Thread.sleep(5); // polling, not timing: the snapshot's time decides
            }
            Snapshot ran = settled(backend);
            assertThat(ran.time()).isEqualTo(10.0);
            assertThat(ran.conservation().holds()).isTrue();
            assertThat(ran.node("c").paused()).isEqualTo(1); // the instance not crashed
            assertThat(ran.node("c").completed()).isLessThanOrEqualTo(1); // what it held when paused
            List<MessageView> waiting = backend.peek("q", 5).get(20, TimeUnit.SECONDS);
            assertThat(waiting).hasSize(5);

            backend.reset();
            assertThat(settled(backend).events()).isZero();
            assertThat(backend.failure()).isNull();
        }
    }

    @Test
    void aFaultThatDoesNotFitTheFlowFailsItsFutureAndTheRunGoesOn() throws Exception {
        try (RunBackend backend = RunBackends.standard()) {
            backend.start(flow(), 1, RunLimits.DEFAULTS);
            assertThatThrownBy(() -> backend.inject(new Fault.EndpointDown("q")).get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not an endpoint");
            assertThat(backend.failure()).isNull();
        }
    }

    @Test
    void applyChangesPropertiesInPlaceAndSaysWhenARestartIsNeeded() throws Exception {
        try (RunBackend backend = RunBackends.standard()) {
            backend.start(flow(), 1, RunLimits.DEFAULTS);
            Flow faster = flow(80);
            ApplyResult applied = backend.apply(faster).get(20, TimeUnit.SECONDS);
            assertThat(applied.applied()).isTrue();

            Flow more = faster.withNode(Consumer.of("c2", "Second", new Position(0, 0)))
                    .withEdge(Edge.of("extra", "q", Port.OUT, "c2"));
            ApplyResult restart = backend.apply(more).get(20, TimeUnit.SECONDS);
            assertThat(restart.status()).isEqualTo(ApplyResult.Status.RESTART_NEEDED);
            assertThat(restart.reason()).contains("'c2'");

            backend.start(more, 1, RunLimits.DEFAULTS);
            assertThat(settled(backend).node("c2")).isNotNull();
        }
    }

    @Test
    void everyFaultReachesTheSimulation() {
        Simulation sim = start(new FlowBuilder()
                .source("src", "rate", 10.0)
                .queue("q")
                .consumer("c", "instances", 3)
                .wire("src", "q").wire("q", "c").build());
        SimulatorBackend.inject(sim, new Fault.SetInstances("c", 1));
        SimulatorBackend.inject(sim, new Fault.SetRate("src", 0));
        SimulatorBackend.inject(sim, new Fault.Flood("src", 2, 1));
        SimulatorBackend.inject(sim, new Fault.CrashInstance("c", 0));
        SimulatorBackend.inject(sim, new Fault.RestoreInstance("c", 0));
        SimulatorBackend.inject(sim, new Fault.PauseConsumer("c"));
        SimulatorBackend.inject(sim, new Fault.ResumeConsumer("c"));
        Snapshot s = sim.snapshot();
        assertThat(s.node("c").busy() + s.node("c").idle()).isEqualTo(1);
        assertThat(s.node("c").crashed()).isZero();
        assertThat(s.node("c").paused()).isZero();
        assertThatThrownBy(() -> SimulatorBackend.inject(sim, new Fault.EndpointUp("c")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new Fault.Flood("src", 2, 1).nodeId()).isEqualTo("src");
    }
}
