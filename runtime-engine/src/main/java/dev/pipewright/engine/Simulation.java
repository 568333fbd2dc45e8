// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.engine.api.Conservation;
import dev.pipewright.engine.api.Lineage;
import dev.pipewright.engine.api.MessageView;
import dev.pipewright.engine.api.MessageEvents;
import dev.pipewright.engine.api.TraceListener;
import dev.pipewright.engine.api.ApplyResult;
import dev.pipewright.engine.api.RunLimits;
import dev.pipewright.engine.api.FlowNotRunnableException;

import dev.pipewright.engine.entity.ConsumerEntity;
import dev.pipewright.engine.entity.Entity;
import dev.pipewright.engine.entity.EndpointEntity;
import dev.pipewright.engine.entity.FlowCompiler;
import dev.pipewright.engine.entity.Link;
import dev.pipewright.engine.entity.QueueEntity;
import dev.pipewright.engine.entity.SourceEntity;
import dev.pipewright.engine.entity.TopicEntity;
import dev.pipewright.engine.entity.World;
import dev.pipewright.engine.kernel.Kernel;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One run of a flow: a deterministic discrete-event simulation on a virtual clock. Events are
 * processed in order of time, then of scheduling, and every node draws from its own random stream
 * derived from the seed and its id, so the same flow and seed give the same run, event for event.
 *
 * <p>Not thread-safe: use it from one thread (an {@link EngineRunner} runs one on its own thread
 * and publishes snapshots for others). Live changes and faults are applied between events and the
 * run carries on from its state.
 *
 * <p>Time series are sampled every {@link #sampleInterval()} virtual seconds (1 s unless set);
 * nothing statistical is done per event beyond counting.
 *
 * <p>A run keeps inside its {@link RunLimits}: the methods that process events throw a
 * {@link RunLimitException} before an event that would take it past one, leaving the state of
 * the run so far consistent (a snapshot taken then is a valid, if shorter, run).
 */
public final class Simulation {
    private final long seed;
    private Flow flow;
    private final Kernel kernel = new Kernel();
    private final World world;
    private final Map<String, Link> links;
    private final Statistics statistics;
    private final RunGuard guard;

    private Simulation(Flow flow, long seed, RunLimits limits) {
        this.flow = flow;
        this.seed = seed;
        this.world = new World(kernel, seed, flow.info().broker());
        this.guard = new RunGuard(limits, kernel, world);
        this.links = FlowCompiler.compile(flow, world).links();
        this.statistics = new Statistics(world, links);
    }

    /**
     * Prepares a run of {@code flow} at virtual time zero, within the {@link RunLimits#DEFAULTS}.
     *
     * @throws FlowNotRunnableException listing each problem when the flow cannot run
     */
    public static Simulation create(Flow flow, long seed) {
        return create(flow, seed, RunLimits.DEFAULTS);
    }

    /**
     * Prepares a run of {@code flow} at virtual time zero that stops at {@code limits}.
     *
     * @throws FlowNotRunnableException listing each problem when the flow cannot run
     */
    public static Simulation create(Flow flow, long seed, RunLimits limits) {
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(limits, "limits");
        List<String> problems = RunChecks.problems(flow);
        if (!problems.isEmpty()) {
            throw new FlowNotRunnableException(problems);
        }
        return new Simulation(flow, seed, limits);
    }

    /** How far this run may go. */
    public RunLimits limits() {
        return guard.limits();
    }

    /** The flow as currently running (including changes applied with {@link #applyFlow}). */
    public Flow flow() {
        return flow;
    }

    public long seed() {
        return seed;
    }

    /** Virtual seconds since the start. */
    public double now() {
        return kernel.now();
    }

    /** Events processed so far. */
    public long eventCount() {
        return kernel.processed();
    }

    /** Virtual time of the next event, or {@code +Infinity} when none is pending. */
    public double nextEventTime() {
        return kernel.nextEventTime();
    }

    /**
     * Processes exactly one event; false when no event is pending.
     *
     * @throws RunLimitException when the run has reached one of its limits
     */
    public boolean step() {
        double t = kernel.nextEventTime();
        if (t == Double.POSITIVE_INFINITY) {
            return false;
        }
        if (t >= statistics.nextSample()) {
            statistics.sampleUpTo(t);
        }
        guard.beforeEvent();
        kernel.processNext();
        return true;
    }

    /**
     * Processes every event up to and including {@code virtualSeconds}, then moves the clock there.
     *
     * @throws RunLimitException when the run reaches one of its limits first; the clock stays at its last event
     */
    public void runUntil(double virtualSeconds) {
        double nextSample = statistics.nextSample();
        while (true) {
            double t = kernel.nextEventTime();
            if (t > virtualSeconds) {
                break;
            }
            if (t >= nextSample) {
                statistics.sampleUpTo(t);
                nextSample = statistics.nextSample();
            }
            guard.beforeEvent();
            kernel.processNext();
        }
        if (virtualSeconds > kernel.now() && virtualSeconds != Double.POSITIVE_INFINITY) {
            statistics.sampleUpTo(virtualSeconds);
            kernel.advanceTo(virtualSeconds);
        }
    }

    /**
     * Runs for {@code seconds} of virtual time from now.
     *
     * @throws RunLimitException when the run reaches one of its limits first
     */
    public void runFor(double seconds) {
        runUntil(now() + seconds);
    }

    /**
     * Processes at most {@code maxEvents} events up to {@code virtualSeconds}; returns how many it processed.
     *
     * @throws RunLimitException when the run reaches one of its limits first
     */
    public int runUntil(double virtualSeconds, int maxEvents) {
        int n = 0;
        while (n < maxEvents && kernel.nextEventTime() <= virtualSeconds) {
            step();
            n++;
        }
        if (n < maxEvents && virtualSeconds > kernel.now() && virtualSeconds != Double.POSITIVE_INFINITY) {
            statistics.sampleUpTo(virtualSeconds);
            kernel.advanceTo(virtualSeconds);
        }
        return n;
    }

    /** An immutable picture of the current state. */
    public Snapshot snapshot() {
        return statistics.snapshot(kernel.now(), kernel.processed());
    }

    /** The message account right now. */
    public Conservation conservation() {
        return world.conservation();
    }

    /** Sets (or with null clears) the listener told about every event. */
    public void setTraceListener(TraceListener listener) {
        kernel.setTrace(listener);
    }

    /**
     * Sets (or with null clears) the listener told about every message event (see
     * {@link dev.pipewright.engine.api.MessageEvent}); from then on every message is followed.
     */
    public void setMessageEvents(MessageEvents listener) {
        world.setMessageEvents(listener);
    }

    /** Virtual seconds between two time-series samples. */
    public double sampleInterval() {
        return statistics.interval();
    }

    /** Sets the virtual seconds between two time-series samples (from the next sample on). */
    public void setSampleInterval(double seconds) {
        statistics.setInterval(seconds, kernel.now());
    }

    /**
     * Starts every node's and edge's statistics afresh (counters, latencies, rates, series), e.g.
     * after a warm-up. The conservation account is not affected.
     */
    public void resetStatistics() {
        statistics.reset(kernel.now());
    }

    /**
     * Applies a changed flow to the running simulation. Property changes (rates and arrivals,
     * instances, prefetch, processing times, failure rates, queue limits and TTL, binding keys,
     * ...) take effect at once and the run carries on; structural changes (nodes or edges added,
     * removed or rewired, a node's kind, a queue's max priority, a processor's variant, a
     * consumer's ack mode, an endpoint's down windows, a reply queue) are not applied and the
     * result says a restart is needed and why.
     *
     * @throws FlowNotRunnableException when the changed flow has errors; nothing is applied then
     */
    public ApplyResult applyFlow(Flow changed) {
        Objects.requireNonNull(changed, "changed");
        List<String> problems = RunChecks.problems(changed);
        if (!problems.isEmpty()) {
            throw new FlowNotRunnableException(problems);
        }
        String structural = RunChecks.structuralChange(flow, changed);
        if (structural != null) {
            return ApplyResult.restartNeeded(structural + "; restart the run to use the changed flow");
        }
        Map<String, Node> before = flow.nodesById();
        List<Node> changedNodes = new ArrayList<>();
        for (Node n : changed.nodes()) {
            if (!n.equals(before.get(n.id())) && !sameButPosition(before.get(n.id()), n)) {
                String reason = world.entity(n.id()).restartReason(n);
                if (reason != null) {
                    return ApplyResult.restartNeeded(reason);
                }
                changedNodes.add(n);
            }
        }
        List<String> names = new ArrayList<>();
        for (Node n : changedNodes) {
            world.entity(n.id()).reconfigure(n);
            names.add(n.id());
        }
        for (Edge e : changed.edges()) {
            Edge old = flow.edge(e.id()).orElseThrow();
            if (!old.equals(e)) {
                links.get(e.id()).update(e);
                if (world.entity(e.from()) instanceof TopicEntity t) {
                    t.bindingsChanged();
                }
                names.add(e.id());
            }
        }
        flow = changed;
        return ApplyResult.applied(names.isEmpty() ? "nothing changed" : "changed " + String.join(", ", names));
    }

    private static boolean sameButPosition(Node a, Node b) {
        return a != null && a.withPosition(b.position()).withName(b.name()).equals(b);
    }

    private <T> T entity(String id, Class<T> type, String what) {
        Entity e = world.entity(Objects.requireNonNull(id, "id"));
        if (e == null) {
            throw new IllegalArgumentException("there is no node '" + id + "' in this flow");
        }
        if (!type.isInstance(e)) {
            throw new IllegalArgumentException("node '" + id + "' is not " + what);
        }
        return type.cast(e);
    }

    /** Crashes one instance (0-based) of a consumer: its unacknowledged messages are requeued. */
    public void crashConsumerInstance(String consumerId, int instance) {
        entity(consumerId, ConsumerEntity.class, "a consumer").crash(instance);
    }

    /** Brings a crashed consumer instance back. */
    public void restoreConsumerInstance(String consumerId, int instance) {
        entity(consumerId, ConsumerEntity.class, "a consumer").restore(instance);
    }

    /** Stops a consumer taking new messages (what it holds is finished), or lets it take them again. */
    public void pauseConsumer(String consumerId, boolean paused) {
        entity(consumerId, ConsumerEntity.class, "a consumer").setPaused(paused);
    }

    /** Sets how many instances a consumer runs; removed instances give their messages back. */
    public void setConsumerInstances(String consumerId, int instances) {
        entity(consumerId, ConsumerEntity.class, "a consumer").setInstances(instances);
    }

    /** Sets a source's rate in messages per second (the next arrival is drawn at the new rate). */
    public void setSourceRate(String sourceId, double rate) {
        entity(sourceId, SourceEntity.class, "a source").setRate(rate);
    }

    /** Multiplies a source's rate by {@code factor} for {@code forSeconds} of virtual time. */
    public void flood(String sourceId, double factor, double forSeconds) {
        entity(sourceId, SourceEntity.class, "a source").flood(factor, forSeconds);
    }

    /**
     * Publishes exactly one traced message from a source now (see {@link Fault.PublishOne});
     * returns its id.
     */
    public long publishOne(String sourceId) {
        return entity(sourceId, SourceEntity.class, "a source").publishOne();
    }

    /** The history of the message a source last published by {@link #publishOne}, if it is still kept. */
    public Optional<Lineage> publishedByHand(String sourceId) {
        long id = entity(sourceId, SourceEntity.class, "a source").publishedByHand();
        return id == 0 ? Optional.empty() : world.lineage().lineage(id);
    }

    /** Takes an endpoint down (it refuses messages and fails over) or brings it back up. */
    public void setEndpointDown(String endpointId, boolean down) {
        entity(endpointId, EndpointEntity.class, "an endpoint").setDown(down);
    }

    /** Up to {@code limit} ready messages of a queue or dead-letter queue, in delivery order. */
    public List<MessageView> peek(String queueId, int limit) {
        return entity(queueId, QueueEntity.class, "a queue").peek(Math.max(0, limit));
    }

    /** The history of a traced message (see {@link Lineage} for which are traced), if it is still kept. */
    public Optional<Lineage> lineage(long messageId) {
        return world.lineage().lineage(messageId);
    }
}
