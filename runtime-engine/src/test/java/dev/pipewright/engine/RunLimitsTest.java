// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import dev.pipewright.engine.api.RunLimits;
import dev.pipewright.engine.api.RunLimitException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipewright.model.Flow;
import dev.pipewright.model.Limits;
import dev.pipewright.model.Processor;
import dev.pipewright.model.Source;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A run stops at its limits between two events, with a consistent state, instead of running out of memory. */
class RunLimitsTest extends EngineTest {
    private static final Flow FAST_SOURCE_NOBODY_READS = new FlowBuilder()
            .source("src", "rate", 1_000_000.0, "arrival", Source.Arrival.CONSTANT).queue("backlog")
            .wire("src", "backlog").build();

    private Simulation start(Flow flow, RunLimits limits) {
        Simulation sim = Simulation.create(flow, 42, limits);
        assertThat(sim.limits()).isEqualTo(limits);
        return sim;
    }

    @Test
    void aQueueNobodyReadsStopsTheRunAtTheMessageLimit() {
        Simulation sim = start(FAST_SOURCE_NOBODY_READS, new RunLimits(1_000_000_000L, 10_000, 1));
        assertThatThrownBy(() -> sim.runFor(3600))
                .isInstanceOfSatisfying(RunLimitException.class, e -> {
                    assertThat(e.limit()).isEqualTo(RunLimitException.Limit.MESSAGES);
                    assertThat(e.value()).isEqualTo(10_000);
                    assertThat(e.getMessage()).contains("10,000 messages were held at once", "growing without bound");
                })
                .hasMessageContaining("at 10ms of virtual time");
        assertThat(sim.conservation().waiting()).isEqualTo(10_000);
        assertConserved(sim);
        // It stays stopped: the next call refuses at once rather than going past the limit.
        assertThatThrownBy(sim::step).isInstanceOf(RunLimitException.class);
        assertThat(sim.conservation().produced()).isEqualTo(10_000);
    }

    @Test
    void theEventLimitStopsARunThatNeverEnds() {
        Flow balanced = new FlowBuilder().source("src", "rate", 1000.0).queue("q").consumer("c", "processingTime", constant(0))
                .wire("src", "q").wire("q", "c").build();
        Simulation sim = start(balanced, new RunLimits(5_000, 1_000_000, 1));
        assertThatThrownBy(() -> sim.runFor(1e9))
                .isInstanceOfSatisfying(RunLimitException.class, e -> assertThat(e.limit()).isEqualTo(RunLimitException.Limit.EVENTS))
                .hasMessageContaining("processed 5,000 events");
        assertThat(sim.eventCount()).isEqualTo(5_000);
        assertThat(sim.now()).isLessThan(10);
        assertConserved(sim);
    }

    @Test
    void theMemoryLimitIsCheckedEveryFewEventsAndStopsTheRun() {
        // No run holds less than 1% of the heap in use: the first look at the heap stops it.
        Simulation sim = start(FAST_SOURCE_NOBODY_READS, new RunLimits(1_000_000_000L, 1_000_000_000L, 0.000_001));
        assertThatThrownBy(() -> sim.runFor(3600))
                .isInstanceOfSatisfying(RunLimitException.class, e -> assertThat(e.limit()).isEqualTo(RunLimitException.Limit.MEMORY))
                .hasMessageContaining("of the memory Java may use");
        assertThat(sim.eventCount()).isEqualTo(RunLimits.HEAP_CHECK_EVENTS);
        assertConserved(sim);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aBurstLargerThanMemoryStopsAtTheMessageLimit() {
        Flow flow = new FlowBuilder().source("src", "arrival", Source.Arrival.BURSTS, "burstSize", Limits.MAX_BURST_SIZE,
                        "rate", Limits.MAX_RATE)
                .queue("q").wire("src", "q").build();
        Simulation sim = start(flow, new RunLimits(1_000_000_000L, 50_000, 1));
        assertThatThrownBy(() -> sim.runFor(60)).isInstanceOf(RunLimitException.class);
        assertThat(sim.conservation().produced()).isEqualTo(50_000);
        assertConserved(sim);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aSplitIntoMorePartsThanMemoryHoldsStopsAtTheMessageLimit() {
        Flow flow = new FlowBuilder().source("src", "rate", 1.0, "arrival", Source.Arrival.CONSTANT)
                .processor("split", "variant", Processor.Variant.SPLITTER, "batchSize", Limits.MAX_BATCH_SIZE)
                .queue("parts").wire("src", "split").wire("split", "parts").build();
        Simulation sim = start(flow, new RunLimits(1_000_000_000L, 50_000, 1));
        assertThatThrownBy(() -> sim.runFor(60)).isInstanceOf(RunLimitException.class);
        // The split stops as the run holds its limit: the parts and the message being split.
        assertThat(sim.conservation().waiting()).isEqualTo(50_000 - 1);
        assertConserved(sim);
    }

    @Test
    void aPacedRunnerPausesAtALimitAndSaysWhich() throws Exception {
        try (EngineRunner runner = new EngineRunner(start(FAST_SOURCE_NOBODY_READS, new RunLimits(1_000_000_000L, 2_000, 1)))) {
            runner.setAsFastAsPossible();
            runner.runUntil(3600);
            CompletableFuture<Throwable> seen = new CompletableFuture<>();
            // Each submitted action runs after the run-until command; poll until the runner has paused.
            while (!seen.isDone()) {
                runner.submit(s -> {
                    if (!runner.isPlaying()) {
                        seen.complete(runner.failure());
                    }
                }).get(10, TimeUnit.SECONDS);
            }
            assertThat(seen.get()).isInstanceOf(RunLimitException.class);
            assertThat(runner.latest().conservation().waiting()).isEqualTo(2_000);
        }
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> new RunLimits(0, 1, 0.5)).hasMessageContaining("events");
        assertThatThrownBy(() -> new RunLimits(1, 0, 0.5)).hasMessageContaining("messages");
        assertThatThrownBy(() -> new RunLimits(1, 1, 1.5)).hasMessageContaining("memory");
        assertThat(RunLimits.DEFAULTS).isEqualTo(new RunLimits(1_000_000_000L, 5_000_000L, 0.85));
    }
}
