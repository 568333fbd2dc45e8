// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.pipewright.engine.Simulation;
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
        assertThat(r.servers()).isEqualTo(3);
        assertThat(r.serviceRate()).isCloseTo(1 / 0.030, offset(1e-9));
        assertThat(r.utilisation()).isCloseTo(0.8, offset(0.03));
        QueueTheory t = r.theory().orElseThrow();
        // long run: the measured queue length is near Erlang C's prediction...
        assertThat(r.measuredMeanReady()).isCloseTo(t.meanWaiting(), offset(0.25 * t.meanWaiting()));
        // ...and Little's law holds on the measured side
        assertThat(r.littleLambdaW()).isCloseTo(r.measuredMeanReady(), offset(0.05 * r.measuredMeanReady()));
        assertThat(r.notes()).isEmpty();
        assertThat(TheoryText.outlook(r)).isNotBlank();
    }

    @Test
    void twoInstancesCannotKeepUpAndTheBacklogGrowsAtLambdaMinusCapacity() {
        Flow flow = competingConsumers();
        Consumer c = (Consumer) flow.node("order-processor").orElseThrow();
        Flow two = flow.replaceNode(new Consumer(c.id(), c.name(), c.position(), 2, c.prefetch(), c.processingTime(),
                c.failureRate(), c.onFailure(), c.ackMode(), c.crashes(), c.replies()));
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
