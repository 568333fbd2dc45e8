// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.model.Consumer;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Processor;
import dev.pipewright.model.Queue;
import dev.pipewright.model.Source;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The most an aggregator or a resequencer fed by a source or a consumer may hold: a cap on the
 * memory of the client feeding it (what it holds is acknowledged already), in those words, not a
 * channel's prefetch limit.
 */
class InClientHolderLimitTest {
    private static List<String> errors(Flow flow) {
        return LiveChecks.common(flow, true).stream().filter(f -> f.severity() == Severity.ERROR).map(Finding::message)
                .toList();
    }

    /** src -> {@code holder} -> out. */
    private static Flow fedBySource(Node holder) {
        return new Flow(new FlowInfo("In-client holder", ""), List.of(Source.of("src", "src", Position.ORIGIN), holder,
                Queue.of("out", "out", Position.ORIGIN)), List.of(Edge.of("e1", "src", Port.OUT, holder.id()),
                Edge.of("e2", holder.id(), Port.OUT, "out")));
    }

    /** src -> in -> worker -> {@code holder} -> out. */
    private static Flow fedByConsumer(Node holder) {
        return new Flow(new FlowInfo("In-client holder", ""), List.of(Source.of("src", "src", Position.ORIGIN),
                Queue.of("in", "in", Position.ORIGIN), Consumer.of("worker", "worker", Position.ORIGIN), holder,
                Queue.of("out", "out", Position.ORIGIN)), List.of(Edge.of("e1", "src", Port.OUT, "in"),
                Edge.of("e2", "in", Port.OUT, "worker"), Edge.of("e3", "worker", Port.OUT, holder.id()),
                Edge.of("e4", holder.id(), Port.OUT, "out")));
    }

    @Test
    void anAggregatorFedBySourceHoldingMoreThanTheCapIsRefusedForTheClientsMemory() {
        Node big = Processor.of("agg", "agg", Position.ORIGIN).with("variant", Processor.Variant.AGGREGATOR)
                .with("batchSize", 10_000);
        assertThat(errors(fedBySource(big))).containsExactly("processor 'agg': an aggregator with batchSize 10000 (a live"
                + " run lets 8 groups fill at once) would hold 80000 messages in the memory of the client of a source"
                + " ('src'), and a live run holds at most 65535 there (a cap on that client's memory); make it smaller, or"
                + " run it in the simulator");
        // 8 groups of 8191 are 65528: it fits, whatever its concurrency (it processes in the feeding client).
        Node fits = Processor.of("agg", "agg", Position.ORIGIN).with("variant", Processor.Variant.AGGREGATOR)
                .with("batchSize", 8_191).with("concurrency", 64);
        assertThat(errors(fedBySource(fits))).isEmpty();
    }

    @Test
    void aResequencerFedByAConsumerHoldingMoreThanTheCapIsRefusedForTheClientsMemory() {
        Node big = Processor.of("order", "order", Position.ORIGIN).with("variant", Processor.Variant.RESEQUENCER)
                .with("window", 65_535);
        assertThat(errors(fedByConsumer(big))).containsExactly("processor 'order': a resequencer with window 65535 would"
                + " hold 65536 messages in the memory of the client of a consumer ('worker'), and a live run holds at most"
                + " 65535 there (a cap on that client's memory); make it smaller, or run it in the simulator");
        Node fits = Processor.of("order", "order", Position.ORIGIN).with("variant", Processor.Variant.RESEQUENCER)
                .with("window", 65_534);
        assertThat(errors(fedByConsumer(fits))).isEmpty();
    }
}
