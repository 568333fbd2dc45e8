// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import dev.pipewright.model.Consumer;
import dev.pipewright.model.Distribution;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Queue;
import dev.pipewright.model.Source;
import dev.pipewright.model.io.FlowJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Flows and flow files for command-line tests. */
final class TestFlows {
    private TestFlows() {
    }

    /** source -> orders -> workers, comfortably under capacity. */
    static Flow pointToPoint() {
        Node source = Source.of("src", "Web shop", Position.ORIGIN).with("rate", 20.0);
        Node queue = Queue.of("orders", "Orders", Position.ORIGIN);
        Node consumer = Consumer.of("workers", "Workers", Position.ORIGIN)
                .with("instances", 2)
                .with("processingTime", Distribution.constant(Duration.ofMillis(10)));
        return new Flow(new FlowInfo("Point to point", ""), List.of(source, queue, consumer), List.of(
                Edge.of("e1", "src", Port.OUT, "orders"), Edge.of("e2", "orders", Port.OUT, "workers")));
    }

    /** A consumer with no queue: an error the validator reports. */
    static Flow consumerWithoutQueue() {
        return new Flow(new FlowInfo("Broken", ""), List.of(Consumer.of("lonely", "Lonely", Position.ORIGIN)),
                List.of());
    }

    /** A million messages a second into a queue nobody reads. */
    static Flow fastSourceNobodyReads() {
        Node source = Source.of("src", "Firehose", Position.ORIGIN).with("rate", 1_000_000.0);
        Node queue = Queue.of("backlog", "Backlog", Position.ORIGIN);
        return new Flow(new FlowInfo("Firehose", ""), List.of(source, queue),
                List.of(Edge.of("e1", "src", Port.OUT, "backlog")));
    }

    /** {@link #pointToPoint()} with a payload template on its source. */
    static Flow withTemplate(String template) {
        Flow flow = pointToPoint();
        return flow.replaceNode(flow.node("src").orElseThrow().with("payloadTemplate", template));
    }

    /** {@link #pointToPoint()} with the source and queue named {@code name}. */
    static Flow named(String name) {
        Flow flow = pointToPoint();
        return flow.mapNodes(List.of("src", "orders"), n -> n.withName(name + " " + n.id()));
    }

    static Path write(Path dir, String name, Flow flow) throws IOException {
        return Files.writeString(dir.resolve(name), FlowJson.write(flow));
    }
}
