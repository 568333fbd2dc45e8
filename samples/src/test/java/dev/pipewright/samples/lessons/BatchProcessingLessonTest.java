// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.samples.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.api.MessageView;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Processor;
import dev.pipewright.model.Source;
import org.junit.jupiter.api.Test;

/** The claims of the batch-processing lesson, and its challenge, on its sample. */
class BatchProcessingLessonTest {
    private static final String ID = "batch-processing";

    private final Flow flow = Lessons.flow(ID);
    private final Source readings = Lessons.node(flow, "readings", Source.class);
    private final Processor batcher = Lessons.node(flow, "batcher", Processor.class);
    private final Consumer writer = Lessons.node(flow, "bulk-writer", Consumer.class);
    private final double write = writer.processingTime().meanSeconds();

    @Test
    void batchesOfFiftyMakeTwoWritesASecondAndKeepTheWriterBusyAFifthOfTheTime() {
        Simulation sim = Simulation.create(flow, 42);
        sim.runUntil(60);
        Snapshot s = sim.snapshot();
        double batchesPerSecond = readings.rate() / batcher.batchSize();
        assertThat(batchesPerSecond).isEqualTo(2);
        assertThat(s.node("bulk-writer").out() / 60.0).isBetween(batchesPerSecond - 0.05, batchesPerSecond);
        assertThat(s.node("readings").out()).isEqualTo(s.node("bulk-writer").out() * batcher.batchSize() + s.node("batcher").inFlight()
                + s.node("batches").depth() * batcher.batchSize() + s.node("bulk-writer").inFlight() * batcher.batchSize());
        double busy = s.node("bulk-writer").out() * write / 60;
        assertThat(busy).isBetween(0.19, 0.2);
        assertThat(Lessons.prose(ID)).contains("batches of " + batcher.batchSize(), "write of " + Math.round(write * 1000) + " ms",
                (long) readings.rate() + " readings a second go in; " + (long) batchesPerSecond + " batches a second",
                "(" + (long) readings.rate() + " / " + batcher.batchSize() + ")", "busy only 20% of the time",
                "after " + batcher.timeout().toSeconds() + " s");
    }

    @Test
    void theOldestReadingWaitsForTheBatchToFillAndThenForTheWrite() {
        Simulation sim = Simulation.create(flow, 42);
        sim.runUntil(60);
        Snapshot s = sim.snapshot();
        double fill = (batcher.batchSize() - 1) / readings.rate();
        assertThat(fill).isEqualTo(0.49);
        assertThat(s.node("batcher").endToEnd().p99Ms()).isBetween(fill * 1000 - 1, fill * 1000 + 1);
        assertThat(s.node("bulk-writer").endToEnd().p99Ms()).isBetween((fill + write) * 1000 - 1, (fill + write) * 1000 + 2);
        assertThat(Lessons.prose(ID)).contains("waits for " + (batcher.batchSize() - 1) + " more, " + fill + " s",
                "e2e p99, " + Math.round(fill * 1000) + " ms", "about " + (fill + write) + " s");
    }

    @Test
    void atTenReadingsASecondTheTimeoutClosesBatchesOfTwenty() {
        Simulation sim = Simulation.create(flow.replaceNode(readings.with("rate", 10.0)), 42);
        sim.runUntil(60);
        Snapshot s = sim.snapshot();
        double timeout = batcher.timeout().toNanos() / 1e9;
        long batches = s.node("batches").in();
        assertThat(batches).isBetween(Math.round(60 / timeout) - 2, Math.round(60 / timeout));
        assertThat((double) (s.node("readings").out() - s.node("batcher").inFlight()) / batches)
                .isBetween(10 * timeout - 0.5, 10 * timeout + 1);
        assertThat(s.node("batcher").endToEnd().p99Ms()).isBetween(timeout * 1000 - 1, timeout * 1000 + 1);
        assertThat(Lessons.prose(ID)).contains("to 10 a second", "closes each one with about " + (long) (10 * timeout) + " readings",
                "the oldest reading waits " + (long) timeout + " s");
    }

    @Test
    void batchesOfTenKeepTheWriterBusyAllTheTime() {
        Simulation sim = Simulation.create(flow.replaceNode(batcher.with("batchSize", 10)), 42);
        sim.runUntil(60);
        double busy = sim.snapshot().node("bulk-writer").out() * write / 60;
        assertThat(readings.rate() / 10).isEqualTo(10);
        assertThat(busy).isGreaterThan(0.98);
        assertThat(Lessons.prose(ID)).contains("batch size to 10", "That is 10 writes a second of 100 ms each");
    }

    @Test
    void theShippedFlowMissesTheChallengeAndBatchesOfTwentyMeetIt() {
        var challenge = Lessons.challenge(ID);
        assertThat(Lessons.meets(flow, challenge)).isFalse();
        assertThat(Lessons.meets(flow.replaceNode(batcher.with("batchSize", 20)), challenge)).isTrue();
        // Batches of 10 are quick enough but need 10 writes a second.
        assertThat(Lessons.meets(flow.replaceNode(batcher.with("batchSize", 10)), challenge)).isFalse();
    }
}
