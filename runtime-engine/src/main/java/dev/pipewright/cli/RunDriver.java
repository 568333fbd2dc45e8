// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import dev.pipewright.engine.EngineRunner;
import dev.pipewright.engine.api.RunLimitException;
import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.api.Snapshot;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/** Runs a simulation for the command line: on the virtual clock here, or paced by an {@link EngineRunner}. */
final class RunDriver {
    /**
     * How a run ended.
     *
     * @param snapshot the last state of the run
     * @param warmUpSeconds the warm-up its statistics leave out: 0 when it stopped before the warm-up ended
     * @param stopped the limit it reached, or null when it ran its whole time
     */
    record Outcome(Snapshot snapshot, double warmUpSeconds, RunLimitException stopped, boolean interrupted) {
        Outcome(Snapshot snapshot, double warmUpSeconds, RunLimitException stopped) {
            this(snapshot, warmUpSeconds, stopped, false);
        }
    }

    /** Told between batches of events on the virtual clock, on the thread that runs them. */
    interface Watcher {
        void between(Simulation simulation);
    }

    /**
     * Events run between two looks at the stop flag and the watcher: a few milliseconds of work,
     * so Ctrl-C answers at once and the checks cost nothing next to the events.
     */
    static final int BATCH = 1 << 16;

    private final Simulation simulation;
    private final AtomicBoolean stop;
    private final Watcher watcher;

    RunDriver(Simulation simulation) {
        this(simulation, new AtomicBoolean(), s -> { });
    }

    /**
     * A driver that ends the run early, with what ran so far, once {@code stop} is set (by
     * Ctrl-C's shutdown hook, or a watcher), and tells {@code watcher} between batches.
     */
    RunDriver(Simulation simulation, AtomicBoolean stop, Watcher watcher) {
        this.simulation = Objects.requireNonNull(simulation, "simulation");
        this.stop = Objects.requireNonNull(stop, "stop");
        this.watcher = Objects.requireNonNull(watcher, "watcher");
    }

    /**
     * Runs {@code warmUp} seconds, starts the statistics afresh, runs {@code seconds} more and
     * returns the final snapshot, or the snapshot when the run reached one of its limits.
     *
     * @param speed 0 for the virtual clock, else the paced clock's speed factor
     */
    Outcome run(double warmUp, double seconds, double speed) {
        return speed <= 0 ? virtual(warmUp, seconds) : paced(warmUp, seconds, speed);
    }

    private Outcome virtual(double warmUp, double seconds) {
        double warmedUp = 0;
        try {
            if (warmUp > 0) {
                if (!runUntil(simulation.now() + warmUp)) {
                    return new Outcome(simulation.snapshot(), warmedUp, null, true);
                }
                simulation.resetStatistics();
                warmedUp = warmUp;
            }
            boolean done = runUntil(simulation.now() + seconds);
            return new Outcome(simulation.snapshot(), warmedUp, null, !done);
        } catch (RunLimitException e) {
            return new Outcome(simulation.snapshot(), warmedUp, e);
        }
    }

    /**
     * Runs to virtual time {@code t} in batches (the same events in the same order as one
     * {@link Simulation#runUntil(double)}); false when the stop flag ended it first.
     */
    private boolean runUntil(double t) {
        while (!stop.get()) {
            int ran = simulation.runUntil(t, BATCH);
            watcher.between(simulation);
            if (ran < BATCH) {
                return true;
            }
        }
        return false;
    }

    private Outcome paced(double warmUp, double seconds, double speed) {
        try (EngineRunner runner = new EngineRunner(simulation)) {
            runner.setSpeed(speed);
            double warmedUp = 0;
            if (warmUp > 0) {
                if (!runUntil(runner, warmUp)) {
                    return stopped(runner, warmedUp);
                }
                if (stop.get()) {
                    return new Outcome(last(runner), warmedUp, null, true);
                }
                join(runner.submit(Simulation::resetStatistics));
                warmedUp = warmUp;
            }
            if (!runUntil(runner, warmUp + seconds)) {
                return stopped(runner, warmedUp);
            }
            return new Outcome(last(runner), warmedUp, null, stop.get());
        }
    }

    private static Outcome stopped(EngineRunner runner, double warmedUp) {
        return new Outcome(last(runner), warmedUp, (RunLimitException) runner.failure());
    }

    private static Snapshot last(EngineRunner runner) {
        CompletableFuture<Snapshot> last = new CompletableFuture<>();
        join(runner.submit(s -> last.complete(s.snapshot())));
        return join(last);
    }

    /**
     * Plays to virtual time {@code t} and waits until the runner has paused there; false when
     * the run reached one of its limits first.
     */
    private boolean runUntil(EngineRunner runner, double t) {
        runner.runUntil(t);
        // The runner pauses itself at t; the submitted action runs on its thread only after the
        // run-until command, and a check after each pause tells us when t is reached.
        while (true) {
            CompletableFuture<Boolean> reached = new CompletableFuture<>();
            join(runner.submit(s -> reached.complete(s.now() >= t && !runner.isPlaying())));
            if (join(reached) || stop.get()) {
                return true; // reached, or stopped early: the caller tells which by the flag
            }
            Throwable failure = runner.failure();
            if (failure instanceof RunLimitException) {
                return false;
            }
            if (failure instanceof RuntimeException re) {
                throw re;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            LockSupport.parkNanos(20_000_000L);
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the run was interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause.getMessage(), cause);
        }
    }
}
