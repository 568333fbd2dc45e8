// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.benchmarks;

import dev.pipewright.engine.Simulation;
import dev.pipewright.model.Flow;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.lang.management.MemoryMXBean;
import java.util.Locale;

/**
 * Memory per waiting message: used heap after a full collection, before and after one million
 * messages pile up in a queue nobody consumes, divided by a million; once with opaque payloads and
 * once with the JSON payload template most samples use. Not a JMH benchmark (nothing is timed);
 * {@code ./benchmarks/run} runs it after JMH. Exits 1 when either is above the 200-byte target.
 */
public final class BacklogMemory {
    private static final long MESSAGES = 1_000_000;
    private static final double TARGET_BYTES = 200;

    private BacklogMemory() {
    }

    public static void main(String[] args) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        boolean met = backlog(memory, "opaque 256-byte payloads", false);
        met &= backlog(memory, "the samples' JSON payload template", true);
        perNode(memory);
        if (!met) {
            System.exit(1);
        }
    }

    /** Three attempts at the million-message backlog; true when the last is under the target. */
    private static boolean backlog(MemoryMXBean memory, String payloads, boolean templated) {
        double perMessage = Double.NaN;
        for (int attempt = 1; attempt <= 3; attempt++) {
            // A small backlog first, so classes are loaded and the code compiled before measuring.
            Simulation.create(flow(10_000, templated), 1).runFor(10);
            Simulation simulation = Simulation.create(flow(MESSAGES, templated), 42);
            simulation.setSampleInterval(1e9); // no time-series samples: only the messages grow
            long before = usedAfterGc(memory);
            simulation.runFor(10);
            long waiting = simulation.snapshot().node("backlog").ready();
            long after = usedAfterGc(memory);
            perMessage = (after - before) / (double) waiting;
            System.out.printf(Locale.ROOT, "backlog of %s, attempt %d: %,d messages waiting, %.1f MB more heap,"
                    + " %.1f bytes per waiting message (target < %.0f)%n", payloads, attempt, waiting,
                    (after - before) / 1e6, perMessage, TARGET_BYTES);
            Reference.reachabilityFence(simulation); // alive until measured
        }
        return perMessage < TARGET_BYTES;
    }

    private static Flow flow(long messages, boolean templated) {
        return templated ? BenchFlows.templated(BenchFlows.backlog(messages)) : BenchFlows.backlog(messages);
    }

    /**
     * Heap per node of a flow: its statistics (histograms, series) are allocated per node. Once
     * with every source at 1 msg/s for 10 s (each node has recorded a few latencies), once at
     * 100 msg/s (a thousand latencies per node and kind, so their histograms span the whole range
     * of the consumers' exponential service times), once at 100 msg/s for 600 s (each node's time
     * series full, 600 samples), and once with 9,999 idle nodes (sources at 0 msg/s) against the
     * target of 8 KB a node.
     */
    private static void perNode(MemoryMXBean memory) {
        perNode(memory, 300, 1, 10);
        perNode(memory, 300, 100, 10);
        perNode(memory, 300, 100, 600);
        perNode(memory, 3333, 0, 10);
    }

    private static void perNode(MemoryMXBean memory, int pipelines, double rate, double seconds) {
        long before = usedAfterGc(memory);
        Simulation simulation = Simulation.create(BenchFlows.competingConsumers(pipelines, rate), 42);
        simulation.runFor(seconds);
        long after = usedAfterGc(memory);
        System.out.printf(Locale.ROOT, "flow of %,d nodes, sources at %s msg/s, after %.0f s: %.1f MB of heap, %.2f KB"
                + " per node%n", pipelines * 3, rate, seconds, (after - before) / 1e6,
                (after - before) / 1e3 / (pipelines * 3));
        Reference.reachabilityFence(simulation);
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
