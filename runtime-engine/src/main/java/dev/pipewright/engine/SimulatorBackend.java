// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import dev.pipewright.engine.api.ApplyResult;
import dev.pipewright.engine.api.Capability;
import dev.pipewright.engine.api.Fault;
import dev.pipewright.engine.api.FlowNotRunnableException;
import dev.pipewright.engine.api.Lineage;
import dev.pipewright.engine.api.MessageView;
import dev.pipewright.engine.api.RunBackend;
import dev.pipewright.engine.api.RunBackends;
import dev.pipewright.engine.api.RunLimits;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Flow;
import dev.pipewright.model.check.Finding;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The {@link RunBackend} that simulates: each run is a {@link Simulation} driven by an
 * {@link EngineRunner} on its own thread, so it can do everything in {@link Capability}. The
 * first {@link #start} builds the run on the caller's thread (so a flow that cannot run fails
 * there); later starts and resets build it on the engine thread, between two events.
 */
public final class SimulatorBackend implements RunBackend {
    private static final Set<Capability> CAPABILITIES = Set.copyOf(EnumSet.allOf(Capability.class));

    // Written by start and close, which the one who drives the backend calls in order.
    private volatile EngineRunner runner;

    /** A backend with no run yet; starts no thread. */
    public SimulatorBackend() {
    }

    @Override
    public String name() {
        return RunBackends.SIMULATOR;
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    /** {@link RunChecks#all}: the model's findings and what the engine would refuse. */
    @Override
    public List<Finding> check(Flow flow) {
        return RunChecks.all(flow);
    }

    @Override
    public synchronized void start(Flow flow, long seed, RunLimits limits) {
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(limits, "limits");
        if (runner == null) {
            runner = new EngineRunner(Simulation.create(flow, seed, limits));
            return;
        }
        List<String> problems = RunChecks.problems(flow);
        if (!problems.isEmpty()) {
            throw new FlowNotRunnableException(problems);
        }
        runner.reset(flow, seed, limits);
    }

    @Override
    public void reset() {
        runner().reset();
    }

    @Override
    public void play() {
        runner().play();
    }

    @Override
    public void pause() {
        runner().pause();
    }

    @Override
    public void step() {
        runner().step();
    }

    @Override
    public void runUntil(double seconds) {
        runner().runUntil(seconds);
    }

    @Override
    public void setSpeed(double factor) {
        runner().setSpeed(factor);
    }

    @Override
    public void setAsFastAsPossible() {
        runner().setAsFastAsPossible();
    }

    @Override
    public boolean isPlaying() {
        EngineRunner r = runner;
        return r != null && r.isPlaying();
    }

    @Override
    public Throwable failure() {
        EngineRunner r = runner;
        return r == null ? null : r.failure();
    }

    @Override
    public CompletableFuture<ApplyResult> apply(Flow changed) {
        Objects.requireNonNull(changed, "changed");
        return ask(sim -> sim.applyFlow(changed));
    }

    @Override
    public CompletableFuture<Void> inject(Fault fault) {
        Objects.requireNonNull(fault, "fault");
        return runner().submit(sim -> inject(sim, fault));
    }

    /** Carries out {@code fault} on {@code sim}; the switch names every kind, so a new one must be handled here. */
    static void inject(Simulation sim, Fault fault) {
        switch (fault) {
            case Fault.CrashInstance f -> sim.crashConsumerInstance(f.consumerId(), f.instance());
            case Fault.RestoreInstance f -> sim.restoreConsumerInstance(f.consumerId(), f.instance());
            case Fault.PauseConsumer f -> sim.pauseConsumer(f.consumerId(), true);
            case Fault.ResumeConsumer f -> sim.pauseConsumer(f.consumerId(), false);
            case Fault.SetInstances f -> sim.setConsumerInstances(f.consumerId(), f.instances());
            case Fault.SetRate f -> sim.setSourceRate(f.sourceId(), f.perSecond());
            case Fault.Flood f -> sim.flood(f.sourceId(), f.factor(), f.seconds());
            case Fault.EndpointDown f -> sim.setEndpointDown(f.endpointId(), true);
            case Fault.EndpointUp f -> sim.setEndpointDown(f.endpointId(), false);
            case Fault.PublishOne f -> sim.publishOne(f.sourceId());
        }
    }

    @Override
    public CompletableFuture<List<MessageView>> peek(String queueId, int limit) {
        Objects.requireNonNull(queueId, "queueId");
        return ask(sim -> sim.peek(queueId, limit));
    }

    @Override
    public CompletableFuture<Optional<Lineage>> lineage(long messageId) {
        return ask(sim -> sim.lineage(messageId));
    }

    @Override
    public CompletableFuture<Optional<Lineage>> publishedByHand(String sourceId) {
        Objects.requireNonNull(sourceId, "sourceId");
        return ask(sim -> sim.publishedByHand(sourceId));
    }

    @Override
    public CompletableFuture<Void> settled() {
        return runner().submit(sim -> { });
    }

    @Override
    public Snapshot latest() {
        EngineRunner r = runner;
        return r == null ? null : r.latest();
    }

    @Override
    public synchronized void close() {
        if (runner != null) {
            runner.close();
            runner = null;
        }
    }

    private EngineRunner runner() {
        EngineRunner r = runner;
        if (r == null) {
            throw new IllegalStateException("no run has started; call start first");
        }
        return r;
    }

    /** Runs {@code question} on the engine thread; the future completes with its answer after the snapshot is published. */
    private <T> CompletableFuture<T> ask(Function<Simulation, T> question) {
        AtomicReference<T> answer = new AtomicReference<>();
        return runner().submit(sim -> answer.set(question.apply(sim))).thenApply(v -> answer.get());
    }
}
