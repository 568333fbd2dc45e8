// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static dev.pipewright.cli.ReportNodes.node;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Distribution;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Processor;
import dev.pipewright.model.Queue;
import dev.pipewright.model.Source;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Processors live, proven by the brokers: each scenario (a filter, a content router with a
 * default route, a splitter, a processor failing to its error port, an idempotent receiver, a
 * chain of two processors in one client, an aggregator completing its groups by size and by timeout, a
 * resequencer giving a gap up by its window and by timeout, a claim check in and out, processors
 * fed straight by the source, which run in the source's client) runs in the simulator and deployed on the local RabbitMQ
 * (a scratch virtual host) and on an embedded Artemis, and the two reports give the same figures
 * for every queue, processor and consumer, and the same conservation law, filtered messages and
 * split parts counted as the simulator counts them.
 *
 * <p>The scenarios are deterministic in what they count (a fixed number of templated messages,
 * failures with probability 0 or 1), so equal figures are the claim, not a tolerance.
 */
class ProcessorFidelityTest {
    private static final List<String> FIGURES = List.of("in", "out", "depth", "count", "redelivered", "deadLettered",
            "expired", "dropped", "duplicates");

    @TempDir
    Path dir;

    private final FidelityRuns runs = new FidelityRuns();

    @AfterEach
    void clean() throws Exception {
        runs.close();
    }

    /** A scenario: its name and its flow under a profile. */
    record Scenario(String name, Function<Broker, Flow> flow) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> scenarios() {
        List<Scenario> all = List.of(
                new Scenario("filter", ProcessorFidelityTest::filter),
                new Scenario("content router with a default route", ProcessorFidelityTest::router),
                new Scenario("splitter", ProcessorFidelityTest::splitter),
                new Scenario("failing processor to its error port", ProcessorFidelityTest::failing),
                new Scenario("idempotent receiver", ProcessorFidelityTest::idempotent),
                new Scenario("transform then filter in one client", ProcessorFidelityTest::chain),
                new Scenario("a source's duplicates through a transform", ProcessorFidelityTest::duplicated),
                new Scenario("aggregator of five", ProcessorFidelityTest::aggregator),
                new Scenario("aggregator whose last group times out", ProcessorFidelityTest::aggregatorTimeout),
                new Scenario("aggregator of two correlation groups filling at once", ProcessorFidelityTest::aggregatorGroups),
                new Scenario("resequencer giving a gap up past its window", ProcessorFidelityTest::resequencerWindow),
                new Scenario("resequencer whose gap times out", ProcessorFidelityTest::resequencerTimeout),
                new Scenario("claim check in, a queue of tokens, claim check out", ProcessorFidelityTest::claimCheck),
                new Scenario("filter fed straight by the source", ProcessorFidelityTest::sourceFedFilter),
                new Scenario("a source's duplicates caught by an idempotent receiver it feeds", ProcessorFidelityTest::sourceFedDedupe),
                new Scenario("a source wired to a queue and to a splitter", ProcessorFidelityTest::sourceFedAndQueue));
        return FidelityRuns.onBrokers(all, s -> FidelityRuns.BOTH);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("scenarios")
    void theBrokerAndTheSimulatorCountTheSame(Scenario scenario, Broker broker) throws Exception {
        Flow flow = scenario.flow().apply(broker);
        Path file = TestFlows.write(dir, "scenario.flow.json", flow);
        JsonNode live = runs.deploy(file, broker, "60s");
        JsonNode sim = FidelityRuns.simulate(file, broker, "60s");
        FidelityRuns.assertSameFigures(live, sim, FIGURES, kind -> !kind.equals("source"));
        FidelityRuns.assertSameLaw(live, sim);
    }

    /**
     * An aggregator of three without a timeout: nine of ten messages go into three aggregates, and
     * the tenth, still in an open group at the end, goes back to its queue on the broker (waiting
     * there), where the simulator holds it in flight: the same message, counted by where it is.
     */
    @ParameterizedTest(name = "on {0}")
    @MethodSource("brokers")
    void anIncompleteGroupAtTheEndGoesBackToItsQueue(Broker broker) throws Exception {
        Node p = processor("agg", Processor.Variant.AGGREGATOR).with("batchSize", 3);
        Flow flow = around("Incomplete group", broker, "{\"n\": ${seq}}", List.of(p),
                List.of(Edge.of("o", "agg", Port.OUT, "batches")), List.of("batches"));
        Path file = TestFlows.write(dir, "incomplete.flow.json", flow);
        JsonNode live = runs.deploy(file, broker, "3s");
        JsonNode sim = FidelityRuns.simulate(file, broker, "3s");
        assertThat(sim.path("conservation").path("inFlight").asLong()).as(sim.path("conservation").toString()).isEqualTo(1);
        assertThat(node(live, "in").path("depth").asLong()).as(live.toString()).isEqualTo(1);
        assertThat(node(live, "batches").path("in").asLong()).isEqualTo(node(sim, "batches").path("in").asLong())
                .isEqualTo(3);
        assertThat(live.path("conservation").path("waiting").asLong()).as(live.path("conservation").toString())
                .isEqualTo(sim.path("conservation").path("waiting").asLong() + 1);
        assertThat(live.path("conservation").path("holds").asBoolean()).as(live.path("conservation").toString()).isTrue();
    }

    static Stream<Broker> brokers() {
        return Stream.of(Broker.RABBITMQ, Broker.ARTEMIS);
    }

    /** The duplicate-detection sample (a queue read by an idempotent receiver) deploys and runs on RabbitMQ. */
    @Test
    void theDuplicateDetectionSampleDeploysOnRabbitMq() throws Exception {
        Path sample = Path.of("..", "samples", "flows", "duplicate-detection.flow.json");
        JsonNode live = runs.deploy(sample, Broker.RABBITMQ, "3s");
        assertThat(node(live, "dedupe").path("in").asLong()).as(live.toString()).isPositive();
        assertThat(node(live, "ledger").path("in").asLong()).as(live.toString()).isPositive();
        assertThat(live.path("conservation").path("holds").asBoolean()).as(live.path("conservation").toString()).isTrue();
    }

    // ---- the scenarios -------------------------------------------------------------------------

    /** Ten orders {"n": 1..10} published with confirms into queue "in". */
    private static Node source(String template) {
        return Source.of("src", "src", Position.ORIGIN).with("rate", 100.0).with("arrival", Source.Arrival.CONSTANT)
                .with("messageLimit", 10L).with("confirms", true).with("payloadTemplate", template);
    }

    private static Node worker(String id) {
        return Consumer.of(id, id, Position.ORIGIN).with("prefetch", 1)
                .with("processingTime", Distribution.constant(Duration.ofMillis(1)));
    }

    private static Node processor(String id, Processor.Variant variant) {
        return Processor.of(id, id, Position.ORIGIN).with("variant", variant)
                .with("processingTime", Distribution.constant(Duration.ofMillis(2)));
    }

    /** src -> in -> PROCESSOR, and each of {@code outs} a queue with its consumer. */
    private static Flow around(String name, Broker broker, String template, List<Node> processors, List<Edge> wires,
                               List<String> outs) {
        List<Node> nodes = new ArrayList<>(List.of(source(template), Queue.of("in", "in", Position.ORIGIN)));
        nodes.addAll(processors);
        List<Edge> edges = new ArrayList<>(List.of(Edge.of("e-in", "src", Port.OUT, "in"),
                Edge.of("e-p", "in", Port.OUT, processors.getFirst().id())));
        edges.addAll(wires);
        for (String q : outs) {
            nodes.add(Queue.of(q, q, Position.ORIGIN));
            nodes.add(worker(q + "-worker"));
            edges.add(Edge.of("c-" + q, q, Port.OUT, q + "-worker"));
        }
        return new Flow(new FlowInfo(name, "", broker), nodes, edges);
    }

    /** A filter passing {@code $.n > 4}: six of ten pass, four are filtered. */
    static Flow filter(Broker broker) {
        Node p = processor("filter", Processor.Variant.FILTER).with("expression", "$.n > 4");
        return around("Filter", broker, "{\"n\": ${seq}}", List.of(p), List.of(Edge.of("o", "filter", Port.OUT, "passed")),
                List.of("passed"));
    }

    /**
     * A router with routes big ({@code $.n > 7}) and mid ({@code $.n > 4}) but no wire for mid, and a
     * default wire: three go to big, the seven others (mid among them) fall to the default route.
     */
    static Flow router(Broker broker) {
        Map<String, String> routes = new LinkedHashMap<>();
        routes.put("big", "$.n > 7");
        routes.put("mid", "$.n > 4");
        Node p = processor("router", Processor.Variant.CONTENT_ROUTER).with("routes", routes);
        return around("Router", broker, "{\"n\": ${seq}}", List.of(p), List.of(
                Edge.of("o-big", "router", Port.OUT, "big").withKey("big"),
                Edge.of("o-rest", "router", Port.OUT, "rest").withKey("default")), List.of("big", "rest"));
    }

    /** A splitter of {@code $.items}, three items each: ten messages complete there, thirty parts go on. */
    static Flow splitter(Broker broker) {
        Node p = processor("split", Processor.Variant.SPLITTER).with("expression", "$.items");
        return around("Splitter", broker, "{\"order\": ${seq}, \"items\": [1, 2, ${seq}]}", List.of(p),
                List.of(Edge.of("o", "split", Port.OUT, "parts")), List.of("parts"));
    }

    /** A transform that always fails: every message goes to its error port's queue, none to its output. */
    static Flow failing(Broker broker) {
        Node p = processor("enrich", Processor.Variant.TRANSFORM).with("failureRate", 1.0);
        return around("Failing", broker, "{\"n\": ${seq}}", List.of(p), List.of(
                Edge.of("o", "enrich", Port.OUT, "enriched"), Edge.of("err", "enrich", Port.ERROR, "errors")),
                List.of("enriched", "errors"));
    }

    /** An idempotent receiver keyed on {@code $.k}, the same in every message: the first passes, nine are caught. */
    static Flow idempotent(Broker broker) {
        Node p = processor("dedupe", Processor.Variant.IDEMPOTENT_RECEIVER).with("expression", "$.k");
        return around("Dedupe", broker, "{\"k\": 1, \"n\": ${seq}}", List.of(p),
                List.of(Edge.of("o", "dedupe", Port.OUT, "unique")), List.of("unique"));
    }

    /** A transform wired straight to a filter: the filter runs in the transform's client, before it publishes. */
    static Flow chain(Broker broker) {
        Node t = processor("transform", Processor.Variant.TRANSFORM);
        Node f = processor("filter", Processor.Variant.FILTER).with("expression", "$.n <= 3");
        return around("Chain", broker, "{\"n\": ${seq}}", List.of(t, f), List.of(
                Edge.of("t-f", "transform", Port.OUT, "filter"), Edge.of("o", "filter", Port.OUT, "kept")),
                List.of("kept"));
    }

    /** Every message sent twice (the same id, a copy number), then transformed: the copies count as messages of their own. */
    static Flow duplicated(Broker broker) {
        Flow f = around("Duplicates", broker, "{\"n\": ${seq}}", List.of(processor("transform", Processor.Variant.TRANSFORM)),
                List.of(Edge.of("o", "transform", Port.OUT, "kept")), List.of("kept"));
        return new Flow(f.info(), f.nodes().stream().map(n -> n instanceof Source ? n.with("duplicateRate", 1.0) : n).toList(),
                f.edges());
    }

    /** An aggregator of five: ten messages complete there, two aggregates go on, each array of five payloads. */
    static Flow aggregator(Broker broker) {
        Node p = processor("agg", Processor.Variant.AGGREGATOR).with("batchSize", 5);
        return around("Aggregator", broker, "{\"n\": ${seq}}", List.of(p), List.of(Edge.of("o", "agg", Port.OUT, "batches")),
                List.of("batches"));
    }

    /** An aggregator of four with a timeout of one second: two full groups, then the last two messages released by the timeout. */
    static Flow aggregatorTimeout(Broker broker) {
        Node p = processor("agg", Processor.Variant.AGGREGATOR).with("batchSize", 4).with("timeout", Duration.ofSeconds(1));
        return around("Aggregator timeout", broker, "{\"n\": ${seq}}", List.of(p),
                List.of(Edge.of("o", "agg", Port.OUT, "batches")), List.of("batches"));
    }

    /**
     * An aggregator of three by {@code $.k}, drawn "a" or "b" per message (the same draws live as in
     * the simulator), with a timeout of one second: the two groups fill at once, each completes by
     * size, and what is left of each is released by the timeout; on Artemis a group complete while
     * the other is open commits with it.
     */
    static Flow aggregatorGroups(Broker broker) {
        Node p = processor("agg", Processor.Variant.AGGREGATOR).with("batchSize", 3).with("expression", "$.k")
                .with("timeout", Duration.ofSeconds(1));
        return around("Aggregator groups", broker, "{\"k\": \"${oneOf(a,b)}\", \"n\": ${seq}}", List.of(p),
                List.of(Edge.of("o", "agg", Port.OUT, "batches")), List.of("batches"));
    }

    /**
     * A filter drops message 3 into queue "mid" read by a resequencer with a window of three (its
     * own sequence numbers, from the source): 4, 5 and 6 wait for 3, 7 is one too many, so the gap is
     * given up and the nine others go on.
     */
    static Flow resequencerWindow(Broker broker) {
        return gapped("Resequencer window", broker, processor("reseq", Processor.Variant.RESEQUENCER).with("window", 3));
    }

    /** As {@link #resequencerWindow}, with a window of a hundred and a timeout of one second: the gap is given up when it times out. */
    static Flow resequencerTimeout(Broker broker) {
        return gapped("Resequencer timeout", broker, processor("reseq", Processor.Variant.RESEQUENCER).with("window", 100)
                .with("timeout", Duration.ofSeconds(1)));
    }

    private static Flow gapped(String name, Broker broker, Node reseq) {
        Node f = processor("gap", Processor.Variant.FILTER).with("expression", "$.n != 3");
        return around(name, broker, "{\"n\": ${seq}}", List.of(f, Queue.of("mid", "mid", Position.ORIGIN), reseq),
                List.of(Edge.of("f-mid", "gap", Port.OUT, "mid"), Edge.of("mid-r", "mid", Port.OUT, "reseq"),
                        Edge.of("o", "reseq", Port.OUT, "ordered")), List.of("ordered"));
    }

    /**
     * A claim check in, a queue of tokens, a claim check out, then a filter on the payload it gave
     * back ({@code $.n > 4}): six pass only if every payload came back from the store.
     */
    static Flow claimCheck(Broker broker) {
        Node in = processor("check-in", Processor.Variant.CLAIM_CHECK_IN);
        Node out = processor("check-out", Processor.Variant.CLAIM_CHECK_OUT);
        Node f = processor("big", Processor.Variant.FILTER).with("expression", "$.n > 4");
        return around("Claim check", broker, "{\"n\": ${seq}}", List.of(in, Queue.of("tokens", "tokens", Position.ORIGIN),
                out, f), List.of(Edge.of("ci-t", "check-in", Port.OUT, "tokens"), Edge.of("t-co", "tokens", Port.OUT,
                "check-out"), Edge.of("co-f", "check-out", Port.OUT, "big"), Edge.of("o", "big", Port.OUT, "kept")),
                List.of("kept"));
    }

    /** src -> the first of {@code processors} straight, and each of {@code outs} a queue with its consumer. */
    private static Flow direct(String name, Broker broker, Node source, List<Node> processors, List<Edge> wires,
                               List<String> outs) {
        Flow f = around(name, broker, "{}", processors, wires, outs);
        List<Node> nodes = new ArrayList<>(f.nodes().stream().filter(n -> !(n instanceof Source) && !n.id().equals("in"))
                .toList());
        nodes.addFirst(source);
        List<Edge> edges = new ArrayList<>(f.edges().stream().filter(e -> !e.id().equals("e-in") && !e.id().equals("e-p"))
                .toList());
        edges.add(Edge.of("e-p", "src", Port.OUT, processors.getFirst().id()));
        return new Flow(f.info(), nodes, edges);
    }

    /** A filter passing {@code $.n > 4}, wired straight from the source: six of ten pass, four are filtered. */
    static Flow sourceFedFilter(Broker broker) {
        Node p = processor("filter", Processor.Variant.FILTER).with("expression", "$.n > 4");
        return direct("Source-fed filter", broker, source("{\"n\": ${seq}}"), List.of(p),
                List.of(Edge.of("o", "filter", Port.OUT, "passed")), List.of("passed"));
    }

    /** Every message sent twice straight into an idempotent receiver: the ten copies are caught, ten go on. */
    static Flow sourceFedDedupe(Broker broker) {
        Node p = processor("dedupe", Processor.Variant.IDEMPOTENT_RECEIVER);
        return direct("Source-fed dedupe", broker, source("{\"n\": ${seq}}").with("duplicateRate", 1.0), List.of(p),
                List.of(Edge.of("o", "dedupe", Port.OUT, "unique")), List.of("unique"));
    }

    /** A source wired to queue "copies" (with its consumer) and straight to a splitter of three items: ten, and thirty parts. */
    static Flow sourceFedAndQueue(Broker broker) {
        Node p = processor("split", Processor.Variant.SPLITTER).with("expression", "$.items");
        Flow f = direct("Source-fed splitter", broker, source("{\"order\": ${seq}, \"items\": [1, 2, ${seq}]}"),
                List.of(p), List.of(Edge.of("o", "split", Port.OUT, "parts")), List.of("parts", "copies"));
        List<Edge> edges = new ArrayList<>(f.edges());
        edges.add(Edge.of("e-copies", "src", Port.OUT, "copies"));
        return new Flow(f.info(), f.nodes(), edges);
    }
}
