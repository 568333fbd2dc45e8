// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.benchmarks;

import java.util.PriorityQueue;
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
 * The bare baseline for the kernel: a {@link PriorityQueue} of event records ordered by time then
 * sequence number, popped and pushed with no work in between. One operation is one event, as in
 * {@link KernelThroughput}, so the two rates compare directly.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class EventListBaseline {
    /** An event as a kernel would keep it: when, and a tie-breaking sequence number. */
    record Event(long time, long sequence) implements Comparable<Event> {
        @Override
        public int compareTo(Event other) {
            int byTime = Long.compare(time, other.time);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    /** Events waiting in the list: a few (a small flow) up to a million, at random times. */
    @Param({"6", "1000", "100000", "1000000"})
    public int pending;

    private PriorityQueue<Event> events;
    private SplittableRandom random;
    private long sequence;

    @Setup(Level.Iteration)
    public void fill() {
        events = new PriorityQueue<>(pending + 1);
        random = new SplittableRandom(42);
        for (int i = 0; i < pending; i++) {
            events.add(new Event(random.nextLong(1_000_000), sequence++));
        }
    }

    @Benchmark
    public Event popAndPush() {
        Event next = events.poll();
        // The next event lands a random while later, as a new arrival or completion would.
        events.add(new Event(next.time() + 1 + random.nextLong(1_000_000), sequence++));
        return next;
    }
}
