// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.live;

import dev.pipewright.engine.RunChecks;
import dev.pipewright.engine.api.ApplyResult;
import dev.pipewright.engine.api.Capability;
import dev.pipewright.engine.api.Fault;
import dev.pipewright.engine.api.FlowNotRunnableException;
import dev.pipewright.engine.api.Lineage;
import dev.pipewright.engine.api.MessageView;
import dev.pipewright.engine.api.RunBackend;
import dev.pipewright.engine.api.RunLimits;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.Position;
import dev.pipewright.model.check.Finding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A {@link RunBackend} that runs the flow on a real broker: {@link #start} declares the flow's
 * topology (its export) and opens the clients held, {@link #play} lets sources publish and
 * consumers consume, {@link #pause} holds them again, {@link #reset} tears down, declares afresh
 * and starts again held. Everything that talks to the broker happens on the backend's own thread,
 * which also reads the account and the queue depths every {@value #SAMPLE_MS} ms into the
 * snapshot {@link #latest()} returns; no caller ever waits on the broker.
 *
 * <p>A real broker runs in real time and keeps no bookkeeping to look into, so there is no
 * {@link Capability}: no step, no speed other than 1, no repeatable run, no peek or lineage, and
 * of the faults those a client can do (see {@link LiveSession#inject}). Pausing is as close as a
 * client gets: deliveries already on their way to a consumer when it stops taking are still
 * processed. The run's time is the wall time it has played. Until the topology is declared
 * {@link #latest()} is null; when the broker is down or refuses, {@link #failure()} says so in
 * one sentence naming its address.
 */
public abstract class LiveBackend implements RunBackend {
    /** Milliseconds between two snapshots. */
    public static final long SAMPLE_MS = 150;

    private final boolean teardownOnClose;
    private final Object lock = new Object();
    private ScheduledExecutorService thread;
    private volatile Snapshot latest;
    private volatile Throwable failure;
    /** The session's sentence on a recovered connection, noted with each snapshot; null when none was lost. */
    private volatile String recovered;
    private volatile boolean playing;
    // Touched only on the backend's thread.
    private LiveSession session;
    private Flow flow;
    private long seed;
    private long playedNanos;
    private long playingSince = -1;
    private double until = Double.POSITIVE_INFINITY;
    /** The steps of the consumers' crash schedules not carried out yet, in time order. */
    private final java.util.ArrayDeque<CrashSchedule.Step> crashesDue = new java.util.ArrayDeque<>();

    /** @param teardownOnClose whether {@link #close} deletes what the run declared */
    protected LiveBackend(boolean teardownOnClose) {
        this.teardownOnClose = teardownOnClose;
    }

    /** The broker's address as a person reads it, the password masked ("embedded Artemis", "amqp://guest:****@..."). */
    public abstract String address();

    /** What this broker refuses in {@code flow}, and the model's findings. */
    @Override
    public abstract List<Finding> check(Flow flow);

    /**
     * Connects and declares {@code flow}'s topology; called on the backend's thread.
     *
     * @throws LiveFailure in one sentence naming the address
     */
    protected abstract LiveSession declare(Flow flow) throws LiveFailure;

    /** The model's and the engine's findings ({@link RunChecks#all}) with {@code live}'s, errors first. */
    protected static List<Finding> withRunChecks(Flow flow, List<Finding> live) {
        List<Finding> all = new ArrayList<>(RunChecks.all(flow));
        all.addAll(live);
        all.sort(Comparator.comparing(Finding::severity));
        return List.copyOf(all);
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of();
    }

    @Override
    public void start(Flow flow, long seed, RunLimits limits) {
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(limits, "limits");
        List<String> problems = FlowNotRunnableException.problemsOf(check(flow));
        if (!problems.isEmpty()) {
            throw new FlowNotRunnableException(problems);
        }
        synchronized (lock) {
            if (thread == null) {
                thread = RunParts.daemonTimer("pipewright-live-backend", 1);
                thread.scheduleWithFixedDelay(this::sample, SAMPLE_MS, SAMPLE_MS, TimeUnit.MILLISECONDS);
            }
        }
        playing = false;
        queue(() -> begin(flow, seed));
    }

    @Override
    public void reset() {
        playing = false;
        queue(() -> begin(flow, seed));
    }

    /** Ends the present session, declares {@code f} afresh and opens its clients, held. */
    private void begin(Flow f, long s) {
        end(true);
        flow = f;
        seed = s;
        failure = null;
        latest = null;
        recovered = null;
        playedNanos = 0;
        playingSince = -1;
        until = Double.POSITIVE_INFINITY;
        crashesDue.clear();
        crashesDue.addAll(CrashSchedule.of(f));
        try {
            session = declare(f);
            session.begin(s);
            latest = session.liveSnapshot(0);
        } catch (LiveFailure e) {
            fail(e);
        }
    }

    /** Stops the session's clients and, when {@code teardown}, deletes what it declared. */
    private void end(boolean teardown) {
        if (session != null) {
            session.end();
            if (teardown) {
                session.teardown();
            }
            session.close();
            session = null;
        }
    }

    private void fail(Throwable e) {
        failure = e;
        playing = false;
        if (session != null) {
            try {
                session.hold(true);
            } catch (LiveFailure | RuntimeException again) {
                // The broker is gone already; the first failure is the one to tell.
            }
        }
    }

    @Override
    public void play() {
        runUntil(Double.POSITIVE_INFINITY);
    }

    @Override
    public void runUntil(double seconds) {
        running();
        playing = true;
        queue(() -> {
            until = seconds;
            if (session == null || failure != null) {
                playing = false;
                return;
            }
            try {
                session.hold(false);
                if (playingSince < 0) {
                    playingSince = System.nanoTime();
                }
            } catch (LiveFailure e) {
                fail(e);
            }
        });
    }

    @Override
    public void pause() {
        running();
        playing = false;
        queue(this::hold);
    }

    private void hold() {
        if (playingSince >= 0) {
            playedNanos += System.nanoTime() - playingSince;
            playingSince = -1;
        }
        if (session != null && failure == null) {
            try {
                session.hold(true);
            } catch (LiveFailure e) {
                fail(e);
            }
        }
        sample();
    }

    /** The seconds the run has played. */
    private double seconds() {
        long nanos = playedNanos + (playingSince >= 0 ? System.nanoTime() - playingSince : 0);
        return nanos / 1e9;
    }

    /** On the backend's thread: a fresh snapshot, and a failure on a client's thread noticed. */
    private void sample() {
        if (session == null || failure != null) {
            return;
        }
        try {
            Exception broke = session.failure();
            if (broke != null) {
                String why = Objects.requireNonNullElse(broke.getMessage(), "the connection was lost");
                // A session's own sentence may name the address already (SQS's does).
                fail(new LiveFailure((why.startsWith(address()) ? why : address() + ": " + why)
                        + "; check that the broker is up and reset the run", broke));
                return;
            }
            double t = seconds();
            crashOnSchedule(t);
            latest = session.liveSnapshot(t);
            recovered = session.recovered().orElse(null);
            if (playingSince >= 0 && t >= until) {
                playing = false;
                hold();
            }
        } catch (LiveFailure | RuntimeException e) {
            fail(e);
        }
    }

    /**
     * Carries out the crash schedule's steps due by {@code t} seconds played (so a paused run's
     * schedule waits, as the simulator's does); a step whose instance is gone (fewer instances set
     * by hand) is skipped.
     */
    private void crashOnSchedule(double t) throws LiveFailure {
        while (!crashesDue.isEmpty() && crashesDue.peekFirst().seconds() <= t) {
            try {
                session.inject(crashesDue.removeFirst().fault());
            } catch (IllegalArgumentException gone) {
                // The instance was removed by hand; nothing to crash or restore.
            }
        }
    }

    @Override
    public void step() {
        running();
        throw new UnsupportedOperationException("a real broker cannot step one event; run it in the simulator");
    }

    @Override
    public void setSpeed(double factor) {
        running();
        if (factor != 1) {
            throw new UnsupportedOperationException("a real broker runs in real time only (speed 1)");
        }
    }

    @Override
    public void setAsFastAsPossible() {
        running();
        throw new UnsupportedOperationException("a real broker runs in real time only (speed 1)");
    }

    @Override
    public boolean isPlaying() {
        return playing;
    }

    @Override
    public Throwable failure() {
        return failure;
    }

    /**
     * A move on the canvas is taken as it is; any other change needs a restart, since the broker
     * has the topology as it was declared.
     */
    @Override
    public CompletableFuture<ApplyResult> apply(Flow changed) {
        Objects.requireNonNull(changed, "changed");
        running();
        List<String> problems = FlowNotRunnableException.problemsOf(check(changed));
        if (!problems.isEmpty()) {
            return CompletableFuture.failedFuture(new FlowNotRunnableException(problems));
        }
        return ask(() -> unplaced(changed).equals(unplaced(flow)) ? ApplyResult.applied("moved")
                : ApplyResult.restartNeeded("a run on a real broker takes a change only when it starts again"
                        + " (the topology is declared at the start)"));
    }

    private static Flow unplaced(Flow f) {
        if (f == null) {
            return null;
        }
        List<Node> nodes = f.nodes().stream().map(n -> n.withPosition(Position.ORIGIN)).toList();
        return new Flow(f.info(), nodes, f.edges());
    }

    @Override
    public CompletableFuture<Void> inject(Fault fault) {
        Objects.requireNonNull(fault, "fault");
        running();
        return ask(() -> {
            if (session == null || failure != null) {
                throw new IllegalStateException("the run on " + address() + " is not connected");
            }
            session.inject(fault);
            sample();
            return null;
        });
    }

    @Override
    public CompletableFuture<List<MessageView>> peek(String queueId, int limit) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(
                "a live run does not peek into queues; look at the broker's console"));
    }

    @Override
    public CompletableFuture<Optional<Lineage>> lineage(long messageId) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(
                "a live run does not trace messages; trace them in the simulator"));
    }

    @Override
    public CompletableFuture<Void> settled() {
        running();
        return ask(() -> {
            sample();
            return null;
        });
    }

    @Override
    public Snapshot latest() {
        return latest;
    }

    @Override
    public Optional<String> recovered() {
        return Optional.ofNullable(recovered);
    }

    /** Stops the clients, deletes the topology when this backend was made to, and closes the connection, on the backend's thread. */
    @Override
    public void close() {
        synchronized (lock) {
            if (thread == null) {
                return;
            }
            ScheduledExecutorService t = thread;
            thread = null;
            playing = false;
            t.execute(() -> {
                end(teardownOnClose);
                latest = null;
            });
            t.shutdown();
        }
    }

    /** A throwing carries-out on the backend's thread. */
    @FunctionalInterface
    private interface Work<T> {
        T run() throws Exception;
    }

    private <T> CompletableFuture<T> ask(Work<T> work) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        try {
            queue(() -> {
                try {
                    answer.complete(work.run());
                } catch (Exception e) {
                    answer.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException | IllegalStateException e) {
            answer.completeExceptionally(e);
        }
        return answer;
    }

    private void queue(Runnable r) {
        ScheduledExecutorService t;
        synchronized (lock) {
            t = thread;
        }
        if (t == null) {
            throw new IllegalStateException("no run has started; call start first");
        }
        t.execute(r);
    }

    private void running() {
        synchronized (lock) {
            if (thread == null) {
                throw new IllegalStateException("no run has started; call start first");
            }
        }
    }
}
