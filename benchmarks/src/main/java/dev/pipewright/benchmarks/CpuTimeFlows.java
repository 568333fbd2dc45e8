// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.benchmarks;

import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.kernel.EventList;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntSupplier;

/**
 * Events per CPU second of this thread on the flows of issue 15, for comparing two builds on a
 * busy machine: run the same jar of this program against each build, alternately, and compare the
 * medians. The flows are those of the JMH benchmarks: {@code small} ({@link KernelThroughput}'s
 * small flow), {@code inflight} ({@link InFlightThroughput} busy, about 100,000 pending),
 * {@code nodes} ({@link ManyNodesThroughput}, 9,999 nodes), and {@code heap} (the engine's event
 * heap alone with 100,000 pending at random times, {@link EngineHeapBaseline}'s way). The flows
 * take turns, one slice of 0.3 s of CPU time each, so all see the same conditions; each line is
 * the median of the slices.
 *
 * <p>Arguments: slices per flow (default 9), then the flows to run (default all four).
 */
public final class CpuTimeFlows {
    private static final int BATCH = 100_000;
    private static final long SLICE_CPU_NANOS = 300_000_000L;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuTimeFlows() {
    }

    public static void main(String[] args) {
        int slices = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        List<String> names = args.length > 1 ? Arrays.asList(args).subList(1, args.length)
                : List.of("small", "inflight", "nodes", "heap");
        List<IntSupplier> flows = new ArrayList<>();
        for (String name : names) {
            flows.add(switch (name) {
                case "small" -> kernel(Simulation.create(BenchFlows.competingConsumers(1, 5000), 42));
                case "inflight" -> kernel(Simulation.create(BenchFlows.manyInFlight(100), 42));
                case "nodes" -> kernel(Simulation.create(BenchFlows.competingConsumers(3333, 100), 42));
                case "heap" -> heap(100_000);
                default -> throw new IllegalArgumentException("no flow " + name + ": small, inflight, nodes or heap");
            });
        }
        double[][] rates = new double[flows.size()][slices];
        for (IntSupplier flow : flows) {
            slice(flow); // warm each up before measuring
        }
        for (int s = 0; s < slices; s++) {
            for (int f = 0; f < flows.size(); f++) {
                rates[f][s] = slice(flows.get(f));
            }
        }
        for (int f = 0; f < flows.size(); f++) {
            double[] sorted = rates[f].clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "%s: %.3f M events per CPU second (median of %d; slices %.3f to %.3f)%n",
                    names.get(f), sorted[slices / 2] / 1e6, slices, sorted[0] / 1e6, sorted[slices - 1] / 1e6);
        }
    }

    /** Runs batches for about {@link #SLICE_CPU_NANOS} of CPU time; returns events per CPU second. */
    private static double slice(IntSupplier batch) {
        long start = THREADS.getCurrentThreadCpuTime();
        long events = 0;
        long used;
        do {
            events += batch.getAsInt();
            used = THREADS.getCurrentThreadCpuTime() - start;
        } while (used < SLICE_CPU_NANOS);
        return events / (used / 1e9);
    }

    private static IntSupplier kernel(Simulation simulation) {
        simulation.runFor(10); // past the empty start, to a steady state
        return () -> {
            for (int i = 0; i < BATCH; i++) {
                simulation.step();
            }
            return BATCH;
        };
    }

    private static IntSupplier heap(int pending) {
        EventList events = new EventList();
        SplittableRandom random = new SplittableRandom(42);
        Object subject = new Object();
        for (int i = 0; i < pending; i++) {
            events.add(random.nextLong(1_000_000), null, 0, subject, i);
        }
        return () -> {
            for (int i = 0; i < BATCH; i++) {
                events.poll();
                events.add(events.polledTime() + 1 + random.nextLong(1_000_000), null, 0, subject, 0);
            }
            return BATCH;
        };
    }
}
