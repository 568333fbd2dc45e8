// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.benchmarks;

import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.api.NodeStats;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Flow;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Pipewright's side of the peer comparison run by {@code benchmarks/peers/run}: the M/M/4 model
 * (Poisson arrivals at 5,000 msg/s, 4 servers, exp(0.5 ms) service, one FIFO queue) simulated
 * {@code runs} times for {@code virtualSeconds} each in this process, one line per run in the
 * format the SSJ and SimPy programs print too. Prefetch 1, so a message waits in the queue until
 * a server is free (with a larger prefetch it could wait behind a busy instance, which is not
 * M/M/4).
 *
 * <p>Arguments: virtual seconds per run, number of runs.
 */
public final class PeerMM4 {
    private PeerMM4() {
    }

    /** CPU time of this thread: what a busy machine disturbs less than wall time. */
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        double virtualSeconds = Double.parseDouble(args[0]);
        int runs = Integer.parseInt(args[1]);
        Flow flow = BenchFlows.competingConsumers(1, 5000);
        Flow mm4 = new Flow(flow.info(), flow.nodes().stream()
                .map(n -> n instanceof Consumer c ? c.with("prefetch", 1) : n).toList(), flow.edges());
        for (int run = 1; run <= runs; run++) {
            long start = System.nanoTime();
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            Simulation simulation = Simulation.create(mm4, run);
            simulation.runUntil(virtualSeconds);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            NodeStats workers = simulation.snapshot().node("workers-0");
            System.out.printf("pipewright run=%d messages=%d events=%d mean_ms=%.5f seconds=%.4f cpu=%.4f%n", run,
                    workers.completed(), simulation.eventCount(), workers.endToEnd().meanMs(), seconds, cpu);
        }
    }
}
