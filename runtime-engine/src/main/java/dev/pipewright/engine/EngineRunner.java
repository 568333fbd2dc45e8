// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import dev.pipewright.engine.api.RunLimits;
import dev.pipewright.engine.api.Snapshot;

import dev.pipewright.model.Flow;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Runs a {@link Simulation} on its own daemon thread, on a paced clock (virtual time follows the
 * wall clock times a speed factor) or as fast as possible, and publishes a {@link Snapshot} at most
 * about every 33 ms of wall time, and at once after a step, a pause, a reset or a submitted action.
 *
 * <p>Every method may be called from any thread and returns at once: controls and submitted
 * actions are queued and run on the engine thread between two events. {@link #latest()} is a
 * volatile read; the engine never waits for readers.
 *
 * <p>A new runner is paused at the simulation's current time, paced at 1x. When the paced clock
 * falls more than a second behind (the machine cannot keep up), it lets virtual time slip rather
 * than race to catch up.
 */
public final class EngineRunner implements AutoCloseable {
    private static final long PUBLISH_EVERY_NANOS = 33_000_000L;
    private static final long MAX_LAG_NANOS = 1_000_000_000L;
    private static final int CHUNK = 8192;
    private static final long MIN_PARK_NANOS = 1_000_000L;
    private static final long MAX_PARK_NANOS = 4_000_000L;

    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile Snapshot latest;
    private volatile boolean closed;
    private volatile boolean playing;
    private volatile boolean paced = true;
    private volatile double speed = 1;
    private volatile Throwable failure;

    // Engine thread only.
    private Simulation simulation;
    private double until = Double.POSITIVE_INFINITY;
    private long baseWall;
    private double baseVirtual;
    private long lastPublish;

    public EngineRunner(Simulation simulation) {
        this.simulation = Objects.requireNonNull(simulation, "simulation");
        this.latest = simulation.snapshot();
        this.thread = new Thread(this::loop, "pipewright-engine");
        thread.setDaemon(true);
        thread.start();
    }

    /** The most recently published snapshot; never blocks. */
    public Snapshot latest() {
        return latest;
    }

    public boolean isPlaying() {
        return playing;
    }

    /** The paced speed factor (also kept while running as fast as possible). */
    public double speed() {
        return speed;
    }

    /**
     * What last went wrong on the engine thread: an event that threw, the run reaching one of its
     * limits (a {@link RunLimitException}), or a reset to a flow that cannot run; the runner pauses
     * then. Null when nothing did (a successful reset clears it).
     */
    public Throwable failure() {
        return failure;
    }

    /** Paced clock: virtual time runs {@code factor} times as fast as wall time (0.01 to 1000). */
    public void setSpeed(double factor) {
        if (!(factor >= 0.01 && factor <= 1000)) {
            throw new IllegalArgumentException("the speed must be from 0.01 to 1000 times real time (was " + factor + ")");
        }
        command(() -> {
            speed = factor;
            paced = true;
            rebase();
        });
    }

    /** Virtual clock: runs events as fast as the machine allows. */
    public void setAsFastAsPossible() {
        command(() -> paced = false);
    }

    public void play() {
        command(() -> {
            playing = true;
            rebase();
        });
    }

    public void pause() {
        command(() -> {
            playing = false;
            publish();
        });
    }

    /** Processes one event if paused (and publishes); does nothing while playing. */
    public void step() {
        command(() -> {
            if (!playing) {
                simulation.step();
                publish();
            }
        });
    }

    /** Plays until virtual time {@code t}, then pauses. */
    public void runUntil(double t) {
        command(() -> {
            until = t;
            playing = true;
            rebase();
        });
    }

    /** Starts a new run of the current flow (with any applied changes) and seed, paused at time zero. */
    public void reset() {
        command(() -> replace(Simulation.create(simulation.flow(), simulation.seed(), simulation.limits())));
    }

    /** Starts a new run of {@code flow} with the same seed, paused at time zero (after a change that needs a restart). */
    public void reset(Flow flow) {
        Objects.requireNonNull(flow, "flow");
        command(() -> replace(Simulation.create(flow, simulation.seed(), simulation.limits())));
    }

    /** Starts a new run of {@code flow} with {@code seed}, paused at time zero. */
    public void reset(Flow flow, long seed) {
        Objects.requireNonNull(flow, "flow");
        command(() -> replace(Simulation.create(flow, seed, simulation.limits())));
    }

    /** Starts a new run of {@code flow} with {@code seed} within {@code limits}, paused at time zero. */
    public void reset(Flow flow, long seed, RunLimits limits) {
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(limits, "limits");
        command(() -> replace(Simulation.create(flow, seed, limits)));
    }

    private void replace(Simulation fresh) {
        simulation = fresh;
        playing = false;
        until = Double.POSITIVE_INFINITY;
        failure = null;
        publish();
    }

    /**
     * Runs {@code action} on the engine thread between two events (live changes, faults), then
     * publishes a snapshot. The future completes when it has run, exceptionally if it threw.
     */
    public CompletableFuture<Void> submit(Consumer<Simulation> action) {
        Objects.requireNonNull(action, "action");
        CompletableFuture<Void> done = new CompletableFuture<>();
        command(() -> {
            try {
                action.accept(simulation);
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
            publish();
        });
        return done;
    }

    /** Stops the engine thread; waits up to a second for it. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void command(Runnable r) {
        if (closed) {
            throw new IllegalStateException("this engine runner is closed");
        }
        commands.add(r);
        LockSupport.unpark(thread);
    }

    private void rebase() {
        baseWall = System.nanoTime();
        baseVirtual = simulation.now();
    }

    private void publish() {
        latest = simulation.snapshot();
        lastPublish = System.nanoTime();
    }

    private void publishIfDue() {
        if (System.nanoTime() - lastPublish >= PUBLISH_EVERY_NANOS) {
            publish();
        }
    }

    private void loop() {
        while (!closed) {
            Runnable r;
            while ((r = commands.poll()) != null) {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    // A control that failed (a reset to a flow with errors): keep the old run, paused.
                    failure = e;
                    playing = false;
                }
            }
            if (!playing) {
                LockSupport.parkNanos(50_000_000L);
                continue;
            }
            try {
                if (paced) {
                    runPaced();
                } else {
                    runFast();
                }
            } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
                // Also errors: the thread must live on to report them, or readers would wait for it forever.
                failure = e;
                playing = false;
                publish();
            }
        }
    }

    private void runPaced() {
        long wall = System.nanoTime();
        double target = Math.min(baseVirtual + (wall - baseWall) * speed / 1e9, until);
        int n = simulation.runUntil(target, CHUNK);
        if (n == CHUNK) {
            if (simulation.nextEventTime() < target - MAX_LAG_NANOS * speed / 1e9) {
                rebase(); // Too far behind: let virtual time slip.
            }
            publishIfDue();
            return;
        }
        if (target >= until) {
            until = Double.POSITIVE_INFINITY;
            playing = false;
            publish();
            return;
        }
        publishIfDue();
        // Sleep until the next event, but at least a millisecond: waking for each event of a busy
        // flow (tens of thousands a second) costs more than the events and takes the CPU from the
        // app's FX and render threads, while a millisecond of lag is invisible at 60 frames a second.
        double wallToNext = (simulation.nextEventTime() - simulation.now()) / speed;
        long sleep = (long) Math.min(MAX_PARK_NANOS, Math.max(MIN_PARK_NANOS, wallToNext * 1e9));
        LockSupport.parkNanos(sleep);
    }

    private void runFast() {
        long deadline = System.nanoTime() + 10_000_000L;
        do {
            if (simulation.nextEventTime() > until || simulation.nextEventTime() == Double.POSITIVE_INFINITY) {
                if (until != Double.POSITIVE_INFINITY) {
                    simulation.runUntil(until);
                }
                until = Double.POSITIVE_INFINITY;
                playing = false;
                publish();
                return;
            }
            simulation.runUntil(until, CHUNK);
        } while (System.nanoTime() < deadline && commands.isEmpty());
        publishIfDue();
    }
}
