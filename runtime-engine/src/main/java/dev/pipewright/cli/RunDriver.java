// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import dev.pipewright.engine.EngineRunner;
import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.Snapshot;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Runs a simulation for the command line: on the virtual clock here, or paced by an {@link EngineRunner}. */
final class RunDriver {
    private final Simulation simulation;

    RunDriver(Simulation simulation) {
        this.simulation = Objects.requireNonNull(simulation, "simulation");
    }

    /**
     * Runs {@code warmUp} seconds, starts the statistics afresh, runs {@code seconds} more and
     * returns the final snapshot.
     *
     * @param speed 0 for the virtual clock, else the paced clock's speed factor
     */
    Snapshot run(double warmUp, double seconds, double speed) {
        if (speed <= 0) {
            if (warmUp > 0) {
                simulation.runFor(warmUp);
                simulation.resetStatistics();
            }
            simulation.runFor(seconds);
            return simulation.snapshot();
        }
        return paced(warmUp, seconds, speed);
    }

    private Snapshot paced(double warmUp, double seconds, double speed) {
        try (EngineRunner runner = new EngineRunner(simulation)) {
            runner.setSpeed(speed);
            if (warmUp > 0) {
                runUntil(runner, warmUp);
                join(runner.submit(Simulation::resetStatistics));
            }
            runUntil(runner, warmUp + seconds);
            CompletableFuture<Snapshot> last = new CompletableFuture<>();
            join(runner.submit(s -> last.complete(s.snapshot())));
            return join(last);
        }
    }

    /** Plays to virtual time {@code t} and waits until the runner has paused there. */
    private static void runUntil(EngineRunner runner, double t) {
        runner.runUntil(t);
        // The runner pauses itself at t; the submitted action runs on its thread only after the
        // run-until command, and a check after each pause tells us when t is reached.
        while (true) {
            CompletableFuture<Boolean> reached = new CompletableFuture<>();
            join(runner.submit(s -> reached.complete(s.now() >= t && !runner.isPlaying())));
            if (join(reached)) {
                return;
            }
            if (runner.failure() != null) {
                throw new IllegalStateException(runner.failure().getMessage(), runner.failure());
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
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
