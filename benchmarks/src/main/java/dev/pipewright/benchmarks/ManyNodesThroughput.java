// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.benchmarks;

import dev.pipewright.engine.Simulation;
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
 * Kernel events per second as a flow grows in nodes: {@code pipelines} copies of source -> queue
 * -> 4 competing consumers (exp 0.5 ms), each source at 100 msg/s, so 3 pipelines are 9 nodes and
 * 3,333 are 9,999 (a flow holds at most 10,000). Every node records latencies, so this is the statistics' cost at scale (issue
 * 15, item 4). One operation is one {@link Simulation#step()}, as in {@link KernelThroughput}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class ManyNodesThroughput {
    @Param({"3", "3333"})
    public int pipelines;

    private Simulation simulation;

    @Setup(Level.Trial)
    public void start() {
        simulation = Simulation.create(BenchFlows.competingConsumers(pipelines, 100), 42);
        simulation.runFor(2); // past the empty start
        System.out.println("nodes: " + 3 * pipelines + ", pending events at start: " + PendingEvents.of(simulation));
    }

    @Benchmark
    public boolean step() {
        return simulation.step();
    }
}
