// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.api.NodeStats;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Flow;
import dev.pipewright.samples.SampleCatalog;
import org.junit.jupiter.api.Test;

class TheoryReadingTest {
    private static Flow competingConsumers() {
        return SampleCatalog.all().stream().filter(s -> s.id().equals("competing-consumers")).findFirst()
                .orElseThrow().load();
    }

    @Test
    void competingConsumersReadAsMm3AtEightyPercentAndTheRunAgrees() {
        Flow flow = competingConsumers();
        Simulation sim = Simulation.create(flow, 3);
        sim.runUntil(2000);
        Snapshot s = sim.snapshot();
        TheoryReading r = TheoryReading.of(flow, s, "orders", Double.NaN);
        NodeStats q = s.node("orders");

        // The model is M/M/3 with the run's arrival rate and the consumers' 30 ms...
        double lambda = q.in() / s.time();
        double mu = 1 / 0.030;
        assertThat(r.servers()).isEqualTo(3);
        assertThat(r.arrivalRate()).isEqualTo(lambda);
        assertThat(r.runArrivalRate()).isEqualTo(lambda);
        assertThat(r.serviceRate()).isCloseTo(mu, offset(1e-9));
        double rho = lambda / (3 * mu);
        assertThat(rho).isCloseTo(0.8, offset(0.03));
        assertThat(r.utilisation()).isCloseTo(rho, offset(1e-12));
        // ...and its figures are Erlang C's, written out for c = 3 (a = lambda / mu):
        // C = (a^3 / 3!) / (1 - rho) / (1 + a + a^2 / 2 + (a^3 / 3!) / (1 - rho)).
        double a = lambda / mu;
        double waiting = a * a * a / 6 / (1 - rho);
        double erlangC = waiting / (1 + a + a * a / 2 + waiting);
        QueueTheory t = r.theory().orElseThrow();
        assertThat(t.probabilityOfWaiting()).isCloseTo(erlangC, offset(1e-12));
        assertThat(t.meanWaiting()).isCloseTo(erlangC * rho / (1 - rho), offset(1e-12));
        assertThat(t.meanWait()).isCloseTo(erlangC / (3 * mu - lambda), offset(1e-12));
        // The measured side is the run's own figures, and Little's law holds on it.
        assertThat(r.measuredMeanReady()).isEqualTo(q.meanReady());
        assertThat(r.measuredMeanWaitSeconds()).isEqualTo(q.timeInNode().meanMs() / 1000);
        assertThat(r.depth()).isEqualTo(q.depth());
        assertThat(r.littleLambdaW()).isCloseTo(r.measuredMeanReady(), offset(0.05 * r.measuredMeanReady()));
        assertThat(r.notes()).isEmpty();
        // The outlook: what is queued now drains at the spare capacity c mu - lambda.
        assertThat(r.timeToDrain()).isCloseTo(q.depth() / (3 * mu - lambda), offset(1e-12));
        assertThat(TheoryText.outlook(r)).isEqualTo(q.depth() == 0 ? "Nothing is waiting; the consumers keep up."
                : "The backlog of " + LiveFormat.count(q.depth()) + " drains in about "
                + LiveFormat.seconds(q.depth() / (3 * mu - lambda)) + " at present rates (depth / (cμ − λ)).");
    }

    @Test
    void twoInstancesCannotKeepUpAndTheBacklogGrowsAtLambdaMinusCapacity() {
        Flow flow = competingConsumers();
        Consumer c = (Consumer) flow.node("order-processor").orElseThrow();
        Flow two = flow.replaceNode(new Consumer(c.id(), c.name(), c.position(), 2, c.prefetch(), c.processingTime(),
                c.failureRate(), c.onFailure(), c.ackMode(), c.crashes(), c.replies(), c.failFirstAttempts(), c.failWhen()));
        Simulation sim = Simulation.create(two, 3);
        sim.runUntil(60);
        TheoryReading r = TheoryReading.of(two, sim.snapshot(), "orders", 80);
        assertThat(r.utilisation()).isGreaterThan(1);
        assertThat(r.growthRate()).isCloseTo(80 - 2 / 0.030, offset(4.0));
        assertThat(r.timeToDrain()).isInfinite();
        assertThat(TheoryText.outlook(r)).contains("grows");
    }

    @Test
    void aCrashedConsumerLeavesFewerServers() {
        Flow flow = competingConsumers();
        Simulation sim = Simulation.create(flow, 3);
        sim.runUntil(5);
        sim.crashConsumerInstance("order-processor", 0);
        sim.runUntil(6);
        TheoryReading r = TheoryReading.of(flow, sim.snapshot(), "orders", Double.NaN);
        assertThat(r.servers()).isEqualTo(2);
    }
}
