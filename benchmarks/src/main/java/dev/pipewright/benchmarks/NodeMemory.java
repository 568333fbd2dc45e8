// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.benchmarks;

import dev.pipewright.engine.Simulation;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.Locale;

/**
 * Heap per node of {@code BenchFlows.competingConsumers} flows, {@code BacklogMemory}'s cases
 * (900 nodes at 1 and 100 msg/s for 10 s, at 100 msg/s for 600 s, 9,999 idle nodes) and two
 * more: 9,999 nodes at 100 msg/s for 10 s, and 900 nodes at 100 msg/s for 3,600 s (counts past
 * what a byte holds). Used heap after a full collection, before the flow is made and after the
 * run, over the nodes; nothing is timed. Exits 1 when a case is at or above 8 KB a node.
 *
 * <pre>java -Xmx512m -cp benchmarks.jar dev.pipewright.benchmarks.NodeMemory [long]</pre>
 * ({@code long} adds the hour.)
 */
public final class NodeMemory {
    private static final double TARGET_KB = 8;

    private NodeMemory() {
    }

    public static void main(String[] args) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        Simulation.create(BenchFlows.competingConsumers(30, 100), 1).runFor(30); // warm-up
        boolean met = perNode(memory, 300, 1, 10);
        met &= perNode(memory, 300, 100, 10);
        met &= perNode(memory, 300, 100, 600);
        met &= perNode(memory, 3333, 0, 10);
        met &= perNode(memory, 3333, 100, 10);
        if (args.length > 0 && args[0].equals("long")) {
            met &= perNode(memory, 300, 100, 3600);
        }
        if (!met) {
            System.exit(1);
        }
    }

    private static boolean perNode(MemoryMXBean memory, int pipelines, double rate, double seconds) {
        long before = usedAfterGc(memory);
        Simulation simulation = Simulation.create(BenchFlows.competingConsumers(pipelines, rate), 42);
        simulation.runFor(seconds);
        long after = usedAfterGc(memory);
        double kb = (after - before) / 1e3 / (pipelines * 3);
        System.out.printf(Locale.ROOT, "flow of %,d nodes, sources at %s msg/s, after %.0f s: %.1f MB of heap, %.2f KB"
                + " per node (target < %.0f)%n", pipelines * 3, rate, seconds, (after - before) / 1e6, kb, TARGET_KB);
        Reference.reachabilityFence(simulation);
        return kb < TARGET_KB;
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
