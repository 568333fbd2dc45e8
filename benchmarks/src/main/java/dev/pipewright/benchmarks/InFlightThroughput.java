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
 * Kernel events per second with many messages in flight ({@link BenchFlows#manyInFlight}): 100
 * pipelines of a source at 1,000 msg/s into a consumer of 1,200 instances at exp(1 s), so about
 * 100,000 completions are pending at random times and each delivery chooses among 1,200 instances.
 * With {@code load = saturated} every instance is busy and a queue waits behind them (see
 * {@link BenchFlows#manyInFlightSaturated}). One operation is one {@link Simulation#step()}, as
 * in {@link KernelThroughput}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class InFlightThroughput {
    /** {@code busy}: 83% of the instances busy; {@code saturated}: all of them, with a queue behind. */
    @Param({"busy", "saturated"})
    public String load;

    private Simulation simulation;

    @Setup(Level.Trial)
    public void start() {
        simulation = Simulation.create(load.equals("busy") ? BenchFlows.manyInFlight(100)
                : BenchFlows.manyInFlightSaturated(100), 42);
        simulation.runFor(10); // past the empty start (about 5 mean service times), to a steady state
        System.out.println("pending events at start: " + PendingEvents.of(simulation));
    }

    @Benchmark
    public boolean step() {
        return simulation.step();
    }
}
