// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.benchmarks;

import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.api.Snapshot;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One hour of virtual time of source -> queue -> 4 competing consumers at 5,000 msg/s (18 million
 * messages, 36 million events): the wall time of a whole run, in a 512 MB heap. After each run the
 * heap is collected twice and its used size printed: with the finished simulation still held (its
 * live state after an hour) and after letting it go (growth across runs would show as a leak).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 4)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class VirtualHour {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private int run;
    private Simulation last;

    @Benchmark
    public Snapshot oneHourAt5000PerSecond() {
        last = Simulation.create(BenchFlows.competingConsumers(1, 5000), 42 + run);
        last.runFor(3600);
        return last.snapshot();
    }

    @TearDown(Level.Iteration)
    public void heapAfterGc() {
        long withRun = usedAfterGc();
        long events = last.eventCount();
        last = null;
        long without = usedAfterGc();
        System.out.printf("%nrun %d: %,d events; heap used after GC %.1f MB with the finished run held, %.1f MB"
                + " without (max %.0f MB)%n", ++run, events, withRun / 1e6, without / 1e6,
                memory.getHeapMemoryUsage().getMax() / 1e6);
    }

    private long usedAfterGc() {
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
