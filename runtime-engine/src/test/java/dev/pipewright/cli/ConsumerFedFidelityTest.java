// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Distribution;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Endpoint;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Processor;
import dev.pipewright.model.Queue;
import dev.pipewright.model.Topic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a consumer passes on in its own client, proven by the brokers: an aggregator and a
 * resequencer it feeds (holding in the client's memory, the consumer's input acknowledged as it
 * finishes), a splitter and an endpoint it feeds (on Artemis too, a processor's outputs in the
 * consumer's transaction), and a consumer with several output wires, a copy along each, as the
 * simulator's consumer passes them. Each runs in the simulator and deployed on the local RabbitMQ
 * and on an embedded Artemis, with the same figures for every queue, processor, consumer and
 * endpoint, the same conservation law and, for the resequencer, the same order at its reader.
 *
 * <p>The source sends twelve messages one every 10 ms into "in", read by one "worker" instance
 * (prefetch 1, 1 ms a message, so the queue's order is kept): what is counted does not depend on a
 * live run's timing.
 */
class ConsumerFedFidelityTest {
    @TempDir
    Path dir;

    private final FidelityRuns runs = new FidelityRuns();

    @AfterEach
    void clean() throws Exception {
        runs.close();
    }

    /** A scenario: its name, its flow under a profile, what the simulator completes, the node whose order is compared (null: none). */
    record Scenario(String name, Function<Broker, Flow> flow, long completed, String ordered) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> scenarios() {
        return Stream.of(
                new Scenario("an aggregator of five whose last group times out", ConsumerFedFidelityTest::aggregator, 12 + 3,
                        null),
                new Scenario("a resequencer putting drawn numbers in order", ConsumerFedFidelityTest::resequencer, 12, "reader"),
                new Scenario("a splitter of three items a message", ConsumerFedFidelityTest::splitter, 12 + 36, null),
                new Scenario("an endpoint", ConsumerFedFidelityTest::endpoint, 12, null),
                // A copy along each of four wires: 12 at "a", 12 at "b" (through a topic), 12 at "crm", 7 past the filter.
                new Scenario("four output wires: a queue, a topic, an endpoint, a filter", ConsumerFedFidelityTest::fourWires,
                        12 + 12 + 12 + 7, null),
                // Two copies a message reach "a", one straight, one through a topic bound to it: 24 messages of their own.
                new Scenario("a wire and a topic to the same queue", ConsumerFedFidelityTest::twoWaysToOneQueue, 24, null))
                .flatMap(s -> FidelityRuns.BOTH.stream().map(b -> Arguments.of(s, b)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("scenarios")
    void theBrokerAndTheSimulatorCountTheSame(Scenario scenario, Broker broker) throws Exception {
        Path file = TestFlows.write(dir, "scenario.flow.json", scenario.flow().apply(broker));
        Path liveTrace = dir.resolve("live.jsonl");
        Path simTrace = dir.resolve("sim.jsonl");
        JsonNode live = runs.deploy(file, broker, "60s", liveTrace);
        JsonNode sim = FidelityRuns.simulate(file, broker, "60s", simTrace);
        assertThat(sim.path("conservation").path("completed").asLong()).as(sim.path("conservation").toString())
                .isEqualTo(scenario.completed());
        FidelityRuns.assertSameFigures(live, sim, FidelityRuns.FIGURES, FidelityRuns::brokerCounted);
        FidelityRuns.assertSameLaw(live, sim);
        if (scenario.ordered() != null) {
            FidelityRuns.assertSameOrderAt(scenario.ordered(), liveTrace, simTrace, 12);
        }
    }

    // ---- the scenarios -------------------------------------------------------------------------

    /** src -> in -> worker, then {@code extra} nodes and edges (the worker's outputs among them). */
    private static Flow fromWorker(String name, Broker broker, String template, List<Node> extraNodes, List<Edge> extraEdges) {
        List<Node> nodes = new ArrayList<>(List.of(SourceFedHolderFidelityTest.twelve(template), Queue.of("in", "in",
                Position.ORIGIN), SourceFedHolderFidelityTest.reader("worker")));
        nodes.addAll(extraNodes);
        List<Edge> edges = new ArrayList<>(List.of(Edge.of("e1", "src", Port.OUT, "in"), Edge.of("e2", "in", Port.OUT,
                "worker")));
        edges.addAll(extraEdges);
        return new Flow(new FlowInfo(name, "", broker), nodes, edges);
    }

    /** worker -> {@code next} -> "out" -> {@code readerId}. */
    private static Flow through(String name, Broker broker, String template, Node next, String readerId) {
        return fromWorker(name, broker, template, List.of(next, Queue.of("out", "out", Position.ORIGIN),
                SourceFedHolderFidelityTest.reader(readerId)), List.of(Edge.of("e3", "worker", Port.OUT, next.id()),
                Edge.of("e4", next.id(), Port.OUT, "out"), Edge.of("e5", "out", Port.OUT, readerId)));
    }

    static Flow aggregator(Broker broker) {
        return through("Consumer-fed aggregator", broker, "{\"kwh\": ${seq}}",
                SourceFedHolderFidelityTest.aggregator(Duration.ofSeconds(1)), "writer");
    }

    static Flow resequencer(Broker broker) {
        return through("Consumer-fed resequencer", broker, "{\"n\": ${random(1,12)}}", SourceFedHolderFidelityTest.resequencer(),
                "reader");
    }

    /** The 36 parts complete at "reader", the 12 split messages at the splitter (as the simulator counts). */
    static Flow splitter(Broker broker) {
        return through("Consumer-fed splitter", broker, "{\"order\": ${seq}, \"items\": [1, 2, ${seq}]}",
                Processor.of("split", "split", Position.ORIGIN).with("variant", Processor.Variant.SPLITTER)
                        .with("expression", "$.items"), "reader");
    }

    private static Endpoint crm() {
        return new Endpoint("crm", "crm", Position.ORIGIN, 2, Distribution.constant(Duration.ofMillis(5)), List.of());
    }

    static Flow endpoint(Broker broker) {
        return fromWorker("Consumer-fed endpoint", broker, "{\"n\": ${seq}}", List.of(crm()),
                List.of(Edge.of("e3", "worker", Port.OUT, "crm")));
    }

    /** worker -> queue "a" -> a-reader; -> topic "events" -> queue "b" -> b-reader; -> endpoint "crm"; -> filter n > 5 -> "c" -> c-reader. */
    static Flow fourWires(Broker broker) {
        List<Node> nodes = List.of(Queue.of("a", "a", Position.ORIGIN), SourceFedHolderFidelityTest.reader("a-reader"),
                Topic.of("events", "events", Position.ORIGIN), Queue.of("b", "b", Position.ORIGIN),
                SourceFedHolderFidelityTest.reader("b-reader"), crm(), Processor.of("big", "big", Position.ORIGIN)
                        .with("variant", Processor.Variant.FILTER).with("expression", "$.n > 5"),
                Queue.of("c", "c", Position.ORIGIN), SourceFedHolderFidelityTest.reader("c-reader"));
        List<Edge> edges = List.of(Edge.of("w-a", "worker", Port.OUT, "a"), Edge.of("w-events", "worker", Port.OUT, "events"),
                Edge.of("w-crm", "worker", Port.OUT, "crm"), Edge.of("w-big", "worker", Port.OUT, "big"),
                Edge.of("a-r", "a", Port.OUT, "a-reader"), Edge.of("events-b", "events", Port.OUT, "b"),
                Edge.of("b-r", "b", Port.OUT, "b-reader"), Edge.of("big-c", "big", Port.OUT, "c"),
                Edge.of("c-r", "c", Port.OUT, "c-reader"));
        return fromWorker("Four wires", broker, "{\"n\": ${seq}}", nodes, edges);
    }

    /** worker -> queue "a" -> a-reader, and worker -> topic "events" -> the same queue "a". */
    static Flow twoWaysToOneQueue(Broker broker) {
        List<Node> nodes = List.of(Queue.of("a", "a", Position.ORIGIN), SourceFedHolderFidelityTest.reader("a-reader"),
                Topic.of("events", "events", Position.ORIGIN));
        List<Edge> edges = List.of(Edge.of("w-a", "worker", Port.OUT, "a"), Edge.of("w-events", "worker", Port.OUT, "events"),
                Edge.of("events-a", "events", Port.OUT, "a"), Edge.of("a-r", "a", Port.OUT, "a-reader"));
        return fromWorker("Two ways to one queue", broker, "{\"n\": ${seq}}", nodes, edges);
    }
}
