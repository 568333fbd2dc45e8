// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.oracle;

import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Flow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToDoubleFunction;

/**
 * Independent replications of one long virtual run: each with its own seed, a warm-up whose
 * statistics are discarded, then a measured stretch. Replications run two at a time (the build
 * machines have two cores); each is deterministic, so the results do not depend on the threads.
 */
final class OracleRuns {
    /** One replication's final snapshot and how long its statistics ran. */
    record Run(Snapshot snapshot, double measuredSeconds) {
        double of(ToDoubleFunction<Run> measure) {
            return measure.applyAsDouble(this);
        }
    }

    private final List<Run> runs;

    private OracleRuns(List<Run> runs) {
        this.runs = List.copyOf(runs);
    }

    static OracleRuns replicate(Flow flow, int replications, double warmUpSeconds, double measuredSeconds,
                                long firstSeed) {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Run>> futures = new ArrayList<>();
            for (int i = 0; i < replications; i++) {
                long seed = firstSeed + 1_000_003L * i;
                futures.add(pool.submit(() -> once(flow, seed, warmUpSeconds, measuredSeconds)));
            }
            List<Run> runs = new ArrayList<>();
            for (Future<Run> f : futures) {
                runs.add(f.get());
            }
            return new OracleRuns(runs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a replication failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** A single run measured from time zero, for scenarios that are not replicated. */
    static OracleRuns of(Snapshot snapshot, double measuredSeconds) {
        return new OracleRuns(List.of(new Run(snapshot, measuredSeconds)));
    }

    private static Run once(Flow flow, long seed, double warmUp, double measured) {
        Simulation simulation = Simulation.create(flow, seed);
        // Long runs need no time series; one sample per measured stretch keeps them cheap.
        simulation.setSampleInterval(warmUp + measured);
        simulation.runFor(warmUp);
        simulation.resetStatistics();
        simulation.runFor(measured);
        return new Run(simulation.snapshot(), measured);
    }

    List<Run> runs() {
        return runs;
    }

    /** One measure across the replications. */
    Replications measure(ToDoubleFunction<Run> measure) {
        return new Replications(runs.stream().mapToDouble(measure).toArray());
    }
}
