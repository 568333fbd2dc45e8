// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.api.ApplyResult;
import dev.pipewright.engine.api.Capability;
import dev.pipewright.engine.api.Fault;
import dev.pipewright.engine.api.Lineage;
import dev.pipewright.engine.api.MessageView;
import dev.pipewright.engine.api.RunBackend;
import dev.pipewright.engine.api.RunBackends;
import dev.pipewright.engine.api.RunLimits;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Flow;
import dev.pipewright.model.check.Finding;
import dev.pipewright.samples.SampleCatalog;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The run session talks to its backend only through {@link RunBackend}: any backend can stand in
 * for the simulator, and what it cannot do (here: step, faster than real time) is not asked of it.
 */
class RunControllerBackendTest {
    private final Flow flow = SampleCatalog.all().stream().filter(s -> s.id().equals("competing-consumers"))
            .findFirst().orElseThrow().load();

    /** A backend in real time only that writes down what it is asked; checks as the simulator does. */
    private static final class RecordingBackend implements RunBackend {
        final List<String> calls = new ArrayList<>();
        final List<Fault> faults = new ArrayList<>();
        private final RunBackend checks = RunBackends.standard();
        private boolean started;
        /** What {@link #recovered()} reports, as a live backend notes it after a lost connection came back. */
        volatile String recovery;

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public Set<Capability> capabilities() {
            return EnumSet.of(Capability.FAULTS, Capability.LIVE_EDIT);
        }

        @Override
        public List<Finding> check(Flow flow) {
            calls.add("check");
            return checks.check(flow);
        }

        @Override
        public void start(Flow flow, long seed, RunLimits limits) {
            started = true;
            calls.add("start seed " + seed + (limits.equals(RunLimits.INTERACTIVE) ? " interactive" : ""));
        }

        @Override
        public void reset() {
            calls.add("reset");
        }

        @Override
        public void play() {
            calls.add("play");
        }

        @Override
        public void pause() {
            calls.add("pause");
        }

        @Override
        public void step() {
            calls.add("step");
        }

        @Override
        public void runUntil(double seconds) {
            calls.add("runUntil");
        }

        @Override
        public void setSpeed(double factor) {
            calls.add("speed " + factor);
        }

        @Override
        public void setAsFastAsPossible() {
            calls.add("fast");
        }

        @Override
        public boolean isPlaying() {
            return false;
        }

        @Override
        public Throwable failure() {
            return null;
        }

        @Override
        public CompletableFuture<ApplyResult> apply(Flow changed) {
            calls.add("apply");
            return CompletableFuture.completedFuture(ApplyResult.applied("changed"));
        }

        @Override
        public CompletableFuture<Void> inject(Fault fault) {
            faults.add(fault);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<List<MessageView>> peek(String queueId, int limit) {
            return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public CompletableFuture<Optional<Lineage>> lineage(long messageId) {
            return CompletableFuture.completedFuture(Optional.empty());
        }

        @Override
        public CompletableFuture<Void> settled() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public Snapshot latest() {
            return null;
        }

        @Override
        public Optional<String> recovered() {
            return Optional.ofNullable(recovery);
        }

        @Override
        public void close() {
            calls.add("close");
        }
    }

    @Test
    void aRecoveredConnectionIsSaidInTheStatusLineOnceEachTimeItChanges() {
        RecordingBackend backend = new RecordingBackend();
        RunController run = new RunController(flow, Runnable::run, backend);
        run.play();
        run.poll();
        assertThat(run.infoProperty().get()).doesNotContain("recovered");
        backend.recovery = "the connection to RabbitMQ at amqp://guest@127.0.0.1:5672/%2F was lost 1 time and recovered;"
                + " 3 messages were delivered twice (at-least-once)";
        run.poll();
        assertThat(run.infoProperty().get()).isEqualTo("The connection to RabbitMQ at amqp://guest@127.0.0.1:5672/%2F"
                + " was lost 1 time and recovered; 3 messages were delivered twice (at-least-once)");
        run.tell("Paused order-processor");
        run.poll();
        assertThat(run.infoProperty().get()).as("the same sentence is not said again over a later message")
                .isEqualTo("Paused order-processor");
        backend.recovery = backend.recovery.replace("1 time", "2 times");
        run.poll();
        assertThat(run.infoProperty().get()).contains("was lost 2 times and recovered");
        run.close();
    }

    @Test
    void playChecksStartsAndPlaysWithoutSettingASpeedTheBackendCannotKeep() {
        RecordingBackend backend = new RecordingBackend();
        RunController run = new RunController(flow, Runnable::run, backend);
        run.seedProperty().set(9);
        run.step();
        assertThat(backend.calls).isEmpty();
        run.speedProperty().set(SpeedChoice.MAX);
        run.play();
        run.pause();
        run.close();
        assertThat(backend.calls).containsExactly("check", "start seed 9 interactive", "play", "pause", "close");
        assertThat(run.can(Capability.STEP)).isFalse();
    }

    @Test
    void faultActionsReachTheBackendAsFaultRecords() {
        RecordingBackend backend = new RecordingBackend();
        RunController run = new RunController(flow, Runnable::run, backend);
        FaultActions actions = run.faultActions();
        actions.crashInstance("order-processor");
        actions.crashInstance("order-processor");
        actions.restoreInstance("order-processor");
        actions.setConsumerPaused("order-processor", true);
        actions.changeInstances("order-processor", 1);
        actions.flood("order-service");
        assertThat(backend.faults).containsExactly(
                new Fault.CrashInstance("order-processor", 0),
                new Fault.CrashInstance("order-processor", 1),
                new Fault.RestoreInstance("order-processor", 1),
                new Fault.PauseConsumer("order-processor"),
                new Fault.SetInstances("order-processor", 4),
                new Fault.Flood("order-service", FaultActions.FLOOD_FACTOR, FaultActions.FLOOD_SECONDS));
        assertThat(run.infoProperty().get()).startsWith("Flooding from");
        run.close();
    }
}
