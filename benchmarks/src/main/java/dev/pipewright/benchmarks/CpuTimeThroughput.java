// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.benchmarks;

import dev.pipewright.engine.Simulation;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.IntSupplier;

/**
 * A cross-check of {@link KernelThroughput} against {@link EventListBaseline} that a busy machine
 * disturbs less: events per second of this thread's CPU time rather than of wall time, with the
 * kernel and the baseline measured in alternating slices so both see the same conditions. Run by
 * {@code ./benchmarks/run} after JMH; prints the median of 15 slices of each. Last, the small flow
 * with the samples' JSON payload template against the same flow with opaque payloads, the same way.
 */
public final class CpuTimeThroughput {
    private static final int ROUNDS = 15;
    private static final int BATCH = 100_000;
    private static final long SLICE_CPU_NANOS = 300_000_000L;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuTimeThroughput() {
    }

    public static void main(String[] args) {
        compare("small flow (1 pipeline, ~5 pending events)",
                kernel(Simulation.create(BenchFlows.competingConsumers(1, 5000), 42)), baseline(6));
        compare("large flow (100 pipelines, ~100,000 pending events)",
                kernel(Simulation.create(BenchFlows.delayedCompetingConsumers(100, 1000, Duration.ofSeconds(1)), 42)),
                baseline(100_000));
        compareTemplated();
    }

    /** The small flow with the samples' JSON payload template against the same flow with opaque payloads. */
    private static void compareTemplated() {
        IntSupplier templated = kernel(Simulation.create(BenchFlows.templated(BenchFlows.competingConsumers(1, 5000)), 42));
        IntSupplier opaque = kernel(Simulation.create(BenchFlows.competingConsumers(1, 5000), 42));
        double[] t = new double[ROUNDS];
        double[] o = new double[ROUNDS];
        slice(templated);
        slice(opaque);
        for (int i = 0; i < ROUNDS; i++) {
            t[i] = slice(templated);
            o[i] = slice(opaque);
        }
        System.out.printf(Locale.ROOT, "small flow, JSON payload template: %.2f M events per CPU second, opaque payloads"
                + " %.2f M, opaque/templated %.2fx (target at most 2x)%n", median(t) / 1e6, median(o) / 1e6,
                median(o) / median(t));
    }

    private static void compare(String what, IntSupplier kernel, IntSupplier baseline) {
        double[] k = new double[ROUNDS];
        double[] b = new double[ROUNDS];
        slice(kernel); // warm both up before measuring
        slice(baseline);
        for (int i = 0; i < ROUNDS; i++) {
            k[i] = slice(kernel);
            b[i] = slice(baseline);
        }
        double kernelRate = median(k);
        double baselineRate = median(b);
        System.out.printf(Locale.ROOT,
                "%s: kernel %.2f M events per CPU second, baseline %.2f M, kernel/baseline %.0f%%%n",
                what, kernelRate / 1e6, baselineRate / 1e6, 100 * kernelRate / baselineRate);
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
        simulation.runFor(10);
        return () -> {
            for (int i = 0; i < BATCH; i++) {
                simulation.step();
            }
            return BATCH;
        };
    }

    private static IntSupplier baseline(int pending) {
        PriorityQueue<EventListBaseline.Event> events = new PriorityQueue<>(pending + 1);
        SplittableRandom random = new SplittableRandom(42);
        long[] sequence = {0};
        for (int i = 0; i < pending; i++) {
            events.add(new EventListBaseline.Event(random.nextLong(1_000_000), sequence[0]++));
        }
        return () -> {
            for (int i = 0; i < BATCH; i++) {
                EventListBaseline.Event next = events.poll();
                events.add(new EventListBaseline.Event(next.time() + 1 + random.nextLong(1_000_000), sequence[0]++));
            }
            return BATCH;
        };
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
