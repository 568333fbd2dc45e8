// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipewright.brokers.artemis.ArtemisLiveRun;
import dev.pipewright.brokers.rabbitmq.LiveRun;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Distribution;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Endpoint;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.MessageStore;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Processor;
import dev.pipewright.model.Queue;
import dev.pipewright.model.ScriptedMessage;
import dev.pipewright.model.Source;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Severity;
import dev.pipewright.model.io.FlowFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A processor's outputs into endpoints and message stores live, proven by the brokers: each
 * scenario runs in the simulator and deployed on the local RabbitMQ (a scratch virtual host) and
 * on an embedded Artemis, and the reports give the same figures for every processor, endpoint
 * and message store and the same conservation law. The scenarios are the shapes of the samples
 * that needed it (store-and-forward: a processor into a store forwarding to an endpoint that is
 * down for a while; claim-check: claim check out into an endpoint; delivery-guarantees: an
 * idempotent receiver catching duplicates before an endpoint, fed by a consumer on RabbitMQ), with
 * deterministic timing, and what else a processor can pass to an endpoint (an aggregate, a
 * message failing over to a secondary endpoint).
 *
 * <p>Where an endpoint is down, the source's script sends twelve messages at 0.25 s, 0.5 s, ...
 * 3 s and the down window runs from 1.125 s to 2.125 s (the messages at 1.25 to 2 s fall in it), so
 * a live run's jitter of up to 125 ms changes nothing counted.
 */
class ProcessorOutputFidelityTest {
    private static final List<String> FIGURES = List.of("count", "in", "out", "depth", "dropped", "filtered", "duplicates");
    private static final List<String> KINDS = List.of("processor", "endpoint", "message-store");
    private static final Endpoint.DownWindow WINDOW = new Endpoint.DownWindow(Duration.ofMillis(1125),
            Duration.ofMillis(2125));
    private static final List<Broker> BOTH = FidelityRuns.BOTH;

    @TempDir
    Path dir;

    private final FidelityRuns runs = new FidelityRuns();

    @AfterEach
    void clean() throws Exception {
        runs.close();
    }

    /** A scenario: its name, its flow under a profile, what the simulator must count (a check on the scenario), its brokers. */
    record Scenario(String name, Function<Broker, Flow> flow, long completed, long dropped, List<Broker> brokers) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> scenarios() {
        List<Scenario> all = List.of(
                new Scenario("a transform passing to an endpoint down for a while", ProcessorOutputFidelityTest::toDownEndpoint,
                        8, 4, BOTH),
                new Scenario("a transform passing to an endpoint failing over", ProcessorOutputFidelityTest::toFailover, 12,
                        0, BOTH),
                new Scenario("a processor fed by the source passing to a down endpoint",
                        ProcessorOutputFidelityTest::sourceFedToEndpoint, 8, 4, BOTH),
                new Scenario("a processor into a message store forwarding to a down endpoint (store-and-forward)",
                        ProcessorOutputFidelityTest::intoStore, 12, 0, BOTH),
                new Scenario("claim check in, a queue of tokens, claim check out into an endpoint (claim-check)",
                        ProcessorOutputFidelityTest::claimCheck, 12, 0, BOTH),
                new Scenario("an idempotent receiver catching duplicates before an endpoint",
                        ProcessorOutputFidelityTest::dedupe, 12, 0, BOTH),
                // Twelve members complete at the aggregator, four aggregates at the endpoint.
                new Scenario("an aggregator of three passing to an endpoint", ProcessorOutputFidelityTest::aggregate, 16, 0,
                        BOTH),
                new Scenario("a consumer, an idempotent receiver, an endpoint (delivery-guarantees)",
                        ProcessorOutputFidelityTest::consumerDedupe, 12, 0, BOTH),
                new Scenario("a consumer into a message store forwarding to a down endpoint",
                        ProcessorOutputFidelityTest::consumerIntoStore, 12, 0, BOTH));
        return FidelityRuns.onBrokers(all, Scenario::brokers);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("scenarios")
    void theBrokerAndTheSimulatorCountTheSame(Scenario scenario, Broker broker) throws Exception {
        Flow flow = scenario.flow().apply(broker);
        Path file = TestFlows.write(dir, "scenario.flow.json", flow);
        JsonNode sim = FidelityRuns.simulate(file, broker, "60s");
        JsonNode law = sim.path("conservation");
        assertThat(List.of(law.path("completed").asLong(), law.path("dropped").asLong())).as(law.toString())
                .containsExactly(scenario.completed(), scenario.dropped());
        JsonNode live = runs.deploy(file, broker, "60s");
        FidelityRuns.assertSameFigures(live, sim, FIGURES, KINDS::contains);
        FidelityRuns.assertSameLaw(live, sim);
    }

    /** The samples whose processors pass to an endpoint or a store pass the live checks on both brokers. */
    @Test
    void theSamplesPassTheLiveChecks() throws Exception {
        for (String sample : List.of("store-and-forward", "claim-check", "delivery-guarantees")) {
            Flow flow = FlowFiles.read(Path.of("../samples/flows/" + sample + ".flow.json"));
            assertThat(errors(LiveRun.check(flow))).as(sample + " on RabbitMQ").isEmpty();
            assertThat(errors(ArtemisLiveRun.check(flow))).as(sample + " on Artemis").isEmpty();
        }
    }

    private static List<String> errors(List<Finding> findings) {
        return findings.stream().filter(f -> f.severity() == Severity.ERROR).map(Finding::message).toList();
    }

    // ---- the scenarios -------------------------------------------------------------------------

    /** Twelve messages at 0.25 s to 3 s, with confirms, each {@code {"n": SEQ}}. */
    private static Node scripted() {
        List<ScriptedMessage> script = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            script.add(ScriptedMessage.at(Duration.ofMillis(250L * i), "m" + i));
        }
        return Source.of("src", "src", Position.ORIGIN).with("script", script).with("confirms", true)
                .with("payloadTemplate", "{\"n\": ${seq}}");
    }

    /** Twelve messages at 100 a second, with confirms, from {@code template}. */
    private static Node fast(String template) {
        return Source.of("src", "src", Position.ORIGIN).with("rate", 100.0).with("arrival", Source.Arrival.CONSTANT)
                .with("messageLimit", 12L).with("confirms", true).with("payloadTemplate", template);
    }

    private static Node processor(String id, Processor.Variant variant) {
        return Processor.of(id, id, Position.ORIGIN).with("variant", variant)
                .with("processingTime", Distribution.constant(Duration.ofMillis(2)));
    }

    private static Endpoint endpoint(String id, List<Endpoint.DownWindow> down) {
        return new Endpoint(id, id, Position.ORIGIN, 4, Distribution.constant(Duration.ofMillis(20)), down);
    }

    private static Node worker() {
        return Consumer.of("worker", "worker", Position.ORIGIN).with("prefetch", 1)
                .with("processingTime", Distribution.constant(Duration.ofMillis(1)));
    }

    private static Flow flow(String name, Broker broker, List<Node> nodes, List<Edge> edges) {
        return new Flow(new FlowInfo(name, "", broker), nodes, edges);
    }

    /** src -> in -> p -> crm, down in {@link #WINDOW}: the four messages in it are dropped at crm, eight complete. */
    static Flow toDownEndpoint(Broker broker) {
        return flow("To a down endpoint", broker, List.of(scripted(), Queue.of("in", "in", Position.ORIGIN),
                processor("p", Processor.Variant.TRANSFORM), endpoint("crm", List.of(WINDOW))),
                List.of(Edge.of("e-in", "src", Port.OUT, "in"), Edge.of("e-p", "in", Port.OUT, "p"),
                        Edge.of("e-crm", "p", Port.OUT, "crm")));
    }

    /** As {@link #toDownEndpoint}, crm failing over to backup: eight complete at crm, four at backup. */
    static Flow toFailover(Broker broker) {
        Flow f = toDownEndpoint(broker);
        List<Node> nodes = new ArrayList<>(f.nodes());
        nodes.add(endpoint("backup", List.of()));
        List<Edge> edges = new ArrayList<>(f.edges());
        edges.add(Edge.of("f", "crm", Port.FAILOVER, "backup"));
        return flow("To a failover", broker, nodes, edges);
    }

    /** src -> p -> crm, the processor in the source's client: as {@link #toDownEndpoint}. */
    static Flow sourceFedToEndpoint(Broker broker) {
        return flow("Source-fed", broker, List.of(scripted(), processor("p", Processor.Variant.TRANSFORM),
                endpoint("crm", List.of(WINDOW))),
                List.of(Edge.of("e-p", "src", Port.OUT, "p"), Edge.of("e-crm", "p", Port.OUT, "crm")));
    }

    /** src -> in -> p -> outbox -> crm, the store retrying every 200 ms: what the window refuses waits in it, all twelve complete. */
    static Flow intoStore(Broker broker) {
        MessageStore store = new MessageStore("outbox", "outbox", Position.ORIGIN, Duration.ofMillis(200), null, false,
                Distribution.constant(Duration.ofMillis(1)));
        return flow("Store and forward", broker, List.of(scripted(), Queue.of("in", "in", Position.ORIGIN),
                processor("p", Processor.Variant.TRANSFORM), store, endpoint("crm", List.of(WINDOW))),
                List.of(Edge.of("e-in", "src", Port.OUT, "in"), Edge.of("e-p", "in", Port.OUT, "p"),
                        Edge.of("e-store", "p", Port.OUT, "outbox"), Edge.of("e-crm", "outbox", Port.OUT, "crm")));
    }

    /** src -> check-in -> docs -> check-out -> archive: twelve payloads swapped for tokens and back, twelve complete. */
    static Flow claimCheck(Broker broker) {
        return flow("Claim check", broker, List.of(fast("{\"doc\": ${seq}, \"pages\": [1, 2, 3]}"),
                processor("check-in", Processor.Variant.CLAIM_CHECK_IN), Queue.of("docs", "docs", Position.ORIGIN),
                processor("check-out", Processor.Variant.CLAIM_CHECK_OUT), endpoint("archive", List.of())),
                List.of(Edge.of("e-in", "src", Port.OUT, "check-in"), Edge.of("e-docs", "check-in", Port.OUT, "docs"),
                        Edge.of("e-out", "docs", Port.OUT, "check-out"), Edge.of("e-arch", "check-out", Port.OUT, "archive")));
    }

    /** A source sending every message twice into in, an idempotent receiver on {@code $.n}: twelve caught, twelve complete at crm. */
    static Flow dedupe(Broker broker) {
        return flow("Dedupe", broker, List.of(fast("{\"n\": ${seq}}").with("duplicateRate", 1.0),
                Queue.of("in", "in", Position.ORIGIN),
                processor("dedupe", Processor.Variant.IDEMPOTENT_RECEIVER).with("expression", "$.n"),
                endpoint("crm", List.of())),
                List.of(Edge.of("e-in", "src", Port.OUT, "in"), Edge.of("e-p", "in", Port.OUT, "dedupe"),
                        Edge.of("e-crm", "dedupe", Port.OUT, "crm")));
    }

    /** An aggregator of three: twelve members complete there, four aggregates (made there) complete at crm. */
    static Flow aggregate(Broker broker) {
        return flow("Aggregate", broker, List.of(fast("{\"n\": ${seq}}"), Queue.of("in", "in", Position.ORIGIN),
                processor("agg", Processor.Variant.AGGREGATOR).with("batchSize", 3), endpoint("crm", List.of())),
                List.of(Edge.of("e-in", "src", Port.OUT, "in"), Edge.of("e-p", "in", Port.OUT, "agg"),
                        Edge.of("e-crm", "agg", Port.OUT, "crm")));
    }

    /** As {@link #dedupe}, a consumer between the queue and the receiver, which runs in the consumer's client. */
    static Flow consumerDedupe(Broker broker) {
        return flow("Consumer, dedupe", broker, List.of(fast("{\"n\": ${seq}}").with("duplicateRate", 1.0),
                Queue.of("in", "in", Position.ORIGIN), worker(),
                processor("dedupe", Processor.Variant.IDEMPOTENT_RECEIVER).with("expression", "$.n"),
                endpoint("crm", List.of())),
                List.of(Edge.of("e-in", "src", Port.OUT, "in"), Edge.of("e-w", "in", Port.OUT, "worker"),
                        Edge.of("e-p", "worker", Port.OUT, "dedupe"), Edge.of("e-crm", "dedupe", Port.OUT, "crm")));
    }

    /** src -> in -> worker -> outbox -> crm, as {@link #intoStore} with a consumer in the processor's place. */
    static Flow consumerIntoStore(Broker broker) {
        Flow f = intoStore(broker);
        List<Node> nodes = new ArrayList<>(f.nodes().stream().filter(n -> !n.id().equals("p")).toList());
        nodes.add(worker());
        List<Edge> edges = new ArrayList<>(List.of(Edge.of("e-in", "src", Port.OUT, "in"),
                Edge.of("e-w", "in", Port.OUT, "worker"), Edge.of("e-store", "worker", Port.OUT, "outbox"),
                Edge.of("e-crm", "outbox", Port.OUT, "crm")));
        return flow("Consumer into a store", broker, nodes, edges);
    }
}
