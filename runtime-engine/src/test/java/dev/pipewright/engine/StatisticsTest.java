// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.engine.api.NodeStats;
import dev.pipewright.engine.api.EdgeStats;
import dev.pipewright.engine.api.Latency;
import dev.pipewright.engine.api.SeriesPoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pipewright.engine.oracle.OracleAssert;
import dev.pipewright.engine.oracle.Replications;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Statistics: Little's law, time series, rates, resetting after a warm-up, and the queue length and
 * latency percentiles of an M/M/1 against theory by the oracle's rule.
 */
class StatisticsTest extends EngineTest {
    // Replications and measured seconds for the checks against theory; long enough that the 95%
    // intervals are well inside the 2% rule (about 5 s of the build in all).
    private static final int LQ_REPLICATIONS = 10;
    private static final double LQ_SECONDS = 20_000;
    private static final int P_REPLICATIONS = 10;
    private static final double P_SECONDS = 10_000;

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
    }

    @Test
    void meanQueueLengthIsTheMm1Prediction() {
        // An M/M/1 at utilisation 0.8: Lq = rho^2 / (1 - rho) = 3.2, by the oracle's rule
        // (within 2% and inside the replications' 95% interval).
        double rho = 0.8;
        OracleAssert.matches("M/M/1 rho 0.8 mean queue length Lq",
                replicate(mm1(80, 10), LQ_REPLICATIONS, 100, LQ_SECONDS, s -> s.node("q").meanReady()),
                rho * rho / (1 - rho));
    }

    @Test
    void timeSeriesAreSampledAtTheFixedIntervalAndBounded() {
        Simulation sim = start(mm1(50, 10));
        sim.setSampleInterval(0.5);
        sim.runUntil(399.5);
        long outBefore = sim.snapshot().node("c").out();
        sim.runUntil(400);
        NodeStats c = sim.snapshot().node("c");
        assertThat(c.series()).hasSize(Snapshot.SERIES_CAPACITY);
        assertThat(c.series().getLast().time()).isEqualTo(400.0);
        assertThat(c.series().getFirst().time()).isEqualTo(100.5);
        double meanOutRate = c.series().stream().mapToDouble(SeriesPoint::outRate).average().orElseThrow();
        assertThat(meanOutRate).isCloseTo(50, within(3.0));
        // Right at a sample tick the rate is that of the interval just ended...
        double lastInterval = (c.out() - outBefore) / 0.5;
        assertThat(c.series().getLast().outRate()).isCloseTo(lastInterval, within(1e-9));
        assertThat(c.rateOut()).isCloseTo(lastInterval, within(1e-9));
        // ...and between ticks it spans back to the tick before the last one (0.75 s here).
        sim.runUntil(400.25);
        assertThat(sim.snapshot().node("c").rateOut())
                .isCloseTo((sim.snapshot().node("c").out() - outBefore) / 0.75, within(1e-9));
    }

    @Test
    void latencyPercentilesAreThoseOfTheExponentialTimeInSystem() {
        // M/M/1 time in system is exponential with rate mu - lambda = 50/s: mean 20 ms and
        // p-th quantile -ln(1 - p) / 50 s, checked by the oracle's rule.
        Flow flow = mm1(50, 10);
        double rate = 50;
        Simulation sim = start(flow);
        sim.runUntil(200);
        Latency e2e = sim.snapshot().node("c").endToEnd();
        assertThat(e2e.count()).isGreaterThan(9000);
        assertThat(e2e.meanMs()).isCloseTo(20, within(2.0));
        assertThat(e2e.p99Ms()).isLessThanOrEqualTo(e2e.maxMs());

        List<Snapshot> runs = replicateSnapshots(flow, P_REPLICATIONS, 50, P_SECONDS);
        OracleAssert.matches("M/M/1 time in system mean (ms)", measure(runs, s -> s.node("c").endToEnd().meanMs()),
                1000 / rate);
        OracleAssert.matches("M/M/1 time in system p50 (ms)", measure(runs, s -> s.node("c").endToEnd().p50Ms()),
                1000 * -Math.log(0.5) / rate);
        OracleAssert.matches("M/M/1 time in system p95 (ms)", measure(runs, s -> s.node("c").endToEnd().p95Ms()),
                1000 * -Math.log(0.05) / rate);
        OracleAssert.matches("M/M/1 time in system p99 (ms)", measure(runs, s -> s.node("c").endToEnd().p99Ms()),
                1000 * -Math.log(0.01) / rate);
    }

    /** Independent runs (seeds 1, 2, ...): a warm-up whose statistics are dropped, then the measured stretch. */
    private List<Snapshot> replicateSnapshots(Flow flow, int replications, double warmUp, double measured) {
        List<Snapshot> snapshots = new ArrayList<>();
        for (int i = 1; i <= replications; i++) {
            Simulation sim = start(flow, i);
            sim.setSampleInterval(warmUp + measured);
            sim.runUntil(warmUp);
            sim.resetStatistics();
            sim.runUntil(warmUp + measured);
            snapshots.add(sim.snapshot());
        }
        return snapshots;
    }

    private Replications replicate(Flow flow, int replications, double warmUp, double measured,
                                   ToDoubleFunction<Snapshot> measure) {
        return measure(replicateSnapshots(flow, replications, warmUp, measured), measure);
    }

    private static Replications measure(List<Snapshot> snapshots, ToDoubleFunction<Snapshot> measure) {
        return new Replications(snapshots.stream().mapToDouble(measure).toArray());
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
