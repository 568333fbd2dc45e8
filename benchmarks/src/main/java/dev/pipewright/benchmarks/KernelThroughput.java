// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.benchmarks;

import dev.pipewright.engine.Simulation;
import dev.pipewright.model.Flow;
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
 * Kernel events per second on source -> queue -> 4 competing consumers: one operation is one
 * {@link Simulation#step()}, so the score is events per second, directly comparable with
 * {@link EventListBaseline}. {@code pipelines = 1} is the small flow at 5,000 msg/s (a handful of
 * pending events). {@code pipelines = 100} is a larger flow of 300 nodes, each source at 1,000
 * msg/s into a queue with a delivery delay of 1 s: the 100,000 delayed messages are 100,000
 * pending events. (A flow of 100,000 nodes does not fit: each node's statistics take about 50 KB,
 * see docs/benchmarks.md.) {@code payload = template} gives every message the JSON payload
 * template most samples use ({@link BenchFlows#SAMPLE_TEMPLATE}) instead of an opaque body.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class KernelThroughput {
    @Param({"1", "100"})
    public int pipelines;

    @Param({"opaque", "template"})
    public String payload;

    private Simulation simulation;

    @Setup(Level.Trial)
    public void start() {
        // 5,000 msg/s into 8,000 msg/s of capacity (4 instances at exp 0.5 ms) for the small flow.
        Flow flow = pipelines == 1 ? BenchFlows.competingConsumers(1, 5000)
                : BenchFlows.delayedCompetingConsumers(pipelines, 1000, java.time.Duration.ofSeconds(1));
        simulation = Simulation.create(payload.equals("template") ? BenchFlows.templated(flow) : flow, 42);
        simulation.runFor(10); // past the empty start, to a steady state
        System.out.println("pending events at start: " + PendingEvents.of(simulation));
    }

    @Benchmark
    public boolean step() {
        return simulation.step();
    }
}
