// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.engine.api.NodeStats;
import dev.pipewright.engine.api.EdgeStats;
import dev.pipewright.engine.api.Latency;
import dev.pipewright.engine.api.SeriesPoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pipewright.model.Flow;
import dev.pipewright.model.Source;
import org.junit.jupiter.api.Test;

/** Statistics: Little's law, time series, rates, resetting after a warm-up. */
class StatisticsTest extends EngineTest {

    private static Flow mm1(double lambda, double serviceMillis) {
        return new FlowBuilder()
                .source("src", "rate", lambda, "arrival", Source.Arrival.POISSON)
                .queue("q")
                .consumer("c", "prefetch", 1, "processingTime", exp(serviceMillis))
                .wire("src", "q").wire("q", "c").build();
    }

    @Test
    void littlesLawHoldsOnASimpleQueue() {
        Simulation sim = start(mm1(80, 10));
        sim.runUntil(100);
        sim.resetStatistics();
        sim.runUntil(2100);
        NodeStats q = sim.snapshot().node("q");
        double lambda = q.in() / 2000.0;
        double w = q.timeInNode().meanMs() / 1000;
        assertThat(q.meanReady()).isCloseTo(lambda * w, within(0.03 * q.meanReady()));
        // And it is an M/M/1 at utilisation 0.8: Lq = rho^2 / (1 - rho) = 3.2.
        assertThat(q.meanReady()).isCloseTo(3.2, within(0.4));
    }

    @Test
    void timeSeriesAreSampledAtTheFixedIntervalAndBounded() {
        Simulation sim = start(mm1(50, 10));
        sim.setSampleInterval(0.5);
        sim.runUntil(400);
        NodeStats c = sim.snapshot().node("c");
        assertThat(c.series()).hasSize(Snapshot.SERIES_CAPACITY);
        assertThat(c.series().getLast().time()).isEqualTo(400.0);
        assertThat(c.series().getFirst().time()).isEqualTo(100.5);
        double meanOutRate = c.series().stream().mapToDouble(SeriesPoint::outRate).average().orElseThrow();
        assertThat(meanOutRate).isCloseTo(50, within(3.0));
        assertThat(c.rateOut()).isBetween(20.0, 80.0);
    }

    @Test
    void latencyPercentilesAreOrdered() {
        Simulation sim = start(mm1(50, 10));
        sim.runUntil(200);
        Latency e2e = sim.snapshot().node("c").endToEnd();
        assertThat(e2e.count()).isGreaterThan(9000);
        assertThat(e2e.p50Ms()).isLessThanOrEqualTo(e2e.p95Ms());
        assertThat(e2e.p95Ms()).isLessThanOrEqualTo(e2e.p99Ms());
        assertThat(e2e.p99Ms()).isLessThanOrEqualTo(e2e.maxMs());
        // M/M/1 time in system is exponential with mean 1/(mu - lambda) = 20 ms.
        assertThat(e2e.meanMs()).isCloseTo(20, within(2.0));
    }

    @Test
    void edgeCountsAddUpByOutcome() {
        Simulation sim = start(mm1(50, 10));
        sim.runUntil(50);
        EdgeStats e = sim.snapshot().edge("q:c");
        assertThat(e.ok() + e.redelivered() + e.deadLettered() + e.expired()).isEqualTo(e.crossed());
        assertThat(e.crossed()).isEqualTo(sim.snapshot().node("q").out());
    }
}
