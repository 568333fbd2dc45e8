// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.benchmarks;

import dev.pipewright.engine.kernel.EventList;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine's own event heap ({@link EventList}) driven as {@link EventListBaseline} drives a
 * {@link java.util.PriorityQueue}: {@code pending} events at random times, one poll and one add
 * of an event a random while later per operation, no work in between (issue 15, item 1). The
 * bare cost of the kernel's event list at each size, for the kernel benchmarks to compare with.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class EngineHeapBaseline {
    @Param({"6", "1000", "100000", "1000000"})
    public int pending;

    private EventList events;
    private SplittableRandom random;
    private final Object subject = new Object();

    @Setup(Level.Iteration)
    public void fill() {
        events = new EventList();
        random = new SplittableRandom(42);
        for (int i = 0; i < pending; i++) {
            events.add(random.nextLong(1_000_000), null, 0, subject, i);
        }
    }

    @Benchmark
    public double popAndPush() {
        events.poll();
        double next = events.polledTime();
        // The next event lands a random while later, as a new arrival or completion would.
        events.add(next + 1 + random.nextLong(1_000_000), null, 0, subject, 0);
        return next;
    }
}
